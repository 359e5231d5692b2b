/** Outcome of a validator: data, never an exception. Messages are short English sentences. */
export type RuleResult<T> = { ok: true; value: T; warnings?: string[] } | { ok: false; message: string };

/** Builds a successful result (warnings omitted when empty). */
export function accept<T>(value: T, warnings: string[] = []): RuleResult<T> {
  return warnings.length > 0 ? { ok: true, value, warnings } : { ok: true, value };
}

/** Builds a failed result. */
export function reject<T = never>(message: string): RuleResult<T> {
  return { ok: false, message };
}
