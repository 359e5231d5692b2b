import { BadUserInputError, type FieldProblem } from "../errors";

export const MAX_IMPORT_ROWS = 10_000;

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
