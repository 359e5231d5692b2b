import { Types, trusted, type Model } from "mongoose";

/** E11000: a unique index refused the write (MongoDB and FerretDB alike, on inserts). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;
}

/**
 * Inserts checked documents all or nothing without transactions (FerretDB has none): the _ids
 * are assigned first, so a failure part-way (a concurrent duplicate, a lost connection) is undone
 * by deleting exactly those ids before rethrowing.
 */
export async function insertAllOrNothing<T>(model: Model<T>, documents: Record<string, unknown>[]): Promise<Types.ObjectId[]> {
  const ids = documents.map((d) => (d._id as Types.ObjectId | undefined) ?? new Types.ObjectId());
  const now = new Date();
  documents.forEach((d, i) => {
    d._id = ids[i];
    d.createdAt = now;
    d.updatedAt = now;
  });
  try {
    // The rows were checked field by field already: skip mongoose's hydration and casting (half the insert time).
    await model.insertMany(documents, { ordered: true, lean: true });
  } catch (err) {
    await deleteIds(model, ids);
    throw err;
  }
  return ids;
}

/** Deletes documents by _id, 1,000 at a time. */
export async function deleteIds<T>(model: Model<T>, ids: Types.ObjectId[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) await model.deleteMany({ _id: trusted({ $in: ids.slice(i, i + 1000) }) });
}
