import { Types, trusted, type Model } from "mongoose";
import { BadUserInputError, type FieldProblem } from "../errors";

export const MAX_IMPORT_ROWS = 5000;

/** Refuses an empty call or one over the row limit, naming the argument. */
export function checkRowCount(rows: unknown[], field = "rows", verb = "import"): void {
  if (rows.length === 0) throw new BadUserInputError(field, `no rows to ${verb}`);
  if (rows.length > MAX_IMPORT_ROWS) throw new BadUserInputError(field, `at most ${MAX_IMPORT_ROWS} rows per call, got ${rows.length}`);
}

/** BAD_USER_INPUT listing every row's problems, when there are any. */
export function throwRowProblems(problems: FieldProblem[], rowCount: number, nothing = "nothing imported"): void {
  if (problems.length === 0) return;
  const invalidRows = new Set(problems.map((p) => p.row)).size;
  throw new BadUserInputError([...problems].sort((a, b) => (a.row ?? 0) - (b.row ?? 0)), `${invalidRows} of ${rowCount} rows invalid; ${nothing}`);
}

/**
 * Inserts checked documents all or nothing without transactions: the _ids are
 * assigned first, so a failure part-way (a concurrent duplicate, a lost
 * connection) is undone by deleting exactly those ids before rethrowing.
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
    for (let i = 0; i < ids.length; i += 1000) await model.deleteMany({ _id: trusted({ $in: ids.slice(i, i + 1000) }) });
    throw err;
  }
  return ids;
}
