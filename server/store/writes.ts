import crypto from "node:crypto";
import mongoose, { Types, trusted, type Model } from "mongoose";
import { WriteJournalModel } from "../../schema/write-journal.model";

/** E11000: a unique index refused the write (MongoDB and FerretDB alike, on inserts). */
export function isDuplicateKeyError(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === 11000;
}

/** This process, as the writer of its journal entries. */
const WRITER = `${process.pid}-${crypto.randomBytes(6).toString("hex")}`;

/**
 * How old another process's entry must be before it is taken back when several servers may share
 * the database (MongoDB): far longer than an import takes (seconds), so a live import is never undone.
 */
const FOREIGN_ENTRY_AGE_MS = 10 * 60_000;

/**
 * Inserts checked documents all or nothing without transactions (FerretDB has none). The _ids are
 * assigned first and journalled before the insert: a failure part-way (a concurrent duplicate, a
 * lost connection) is undone here by deleting exactly those ids; a process killed part-way leaves
 * its journal entry, and `takeBackInterruptedWrites` deletes those rows at the next start.
 */
export async function insertAllOrNothing<T>(model: Model<T>, documents: Record<string, unknown>[]): Promise<Types.ObjectId[]> {
  const ids = documents.map((d) => (d._id as Types.ObjectId | undefined) ?? new Types.ObjectId());
  const now = new Date();
  documents.forEach((d, i) => {
    d._id = ids[i];
    d.createdAt = now;
    d.updatedAt = now;
  });
  // One row needs no journal: its insert is atomic.
  const entry = documents.length > 1 ? new Types.ObjectId() : null;
  if (entry) await WriteJournalModel.collection.insertOne({ _id: entry, collectionName: model.collection.collectionName, ids, writer: WRITER, startedAt: now });
  try {
    // The rows were checked field by field already: skip mongoose's hydration and casting (half the insert time).
    await model.insertMany(documents, { ordered: true, lean: true });
  } catch (err) {
    await deleteIds(model.collection.collectionName, ids);
    if (entry) await WriteJournalModel.deleteOne({ _id: entry });
    throw err;
  }
  if (entry) await WriteJournalModel.deleteOne({ _id: entry });
  return ids;
}

/** Deletes documents of a collection by _id, 1,000 at a time. */
export async function deleteIds(collectionName: string, ids: Types.ObjectId[]): Promise<void> {
  const collection = mongoose.connection.collection(collectionName);
  for (let i = 0; i < ids.length; i += 1000) await collection.deleteMany({ _id: trusted({ $in: ids.slice(i, i + 1000) }) });
}

/**
 * Takes back the rows of many-row inserts whose writer died part-way (kill -9, power loss), so
 * every import is all or nothing after a restart. `alone`: this process is the database's only
 * writer (the embedded database, which one server owns), so every other writer's entry is
 * interrupted; otherwise only entries older than FOREIGN_ENTRY_AGE_MS are. Returns the entries
 * taken back.
 */
export async function takeBackInterruptedWrites(options: { alone: boolean }): Promise<{ imports: number; rows: number }> {
  const entries = await WriteJournalModel.find({}).lean().exec();
  const cutoff = Date.now() - FOREIGN_ENTRY_AGE_MS;
  let imports = 0;
  let rows = 0;
  for (const entry of entries) {
    if (entry.writer === WRITER || (!options.alone && entry.startedAt.getTime() > cutoff)) continue;
    await deleteIds(entry.collectionName, entry.ids);
    await WriteJournalModel.deleteOne({ _id: entry._id });
    imports += 1;
    rows += entry.ids.length;
  }
  return { imports, rows };
}
