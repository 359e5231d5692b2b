import type { RuleResult } from "../../schema/rules/result";
import { BadUserInputError, type FieldProblem } from "../errors";

/**
 * Collects every problem of one input (or one import row) so that a client
 * gets them all at once, each naming its field.
 */
export class Problems {
  readonly list: FieldProblem[] = [];

  constructor(private readonly prefix = "", private readonly row?: number) {}

  add(field: string, message: string): void {
    const problem: FieldProblem = { field: this.prefix + field, message };
    if (this.row !== undefined) problem.row = this.row;
    this.list.push(problem);
  }

  /** Records a failed rule; returns the rule's value when it passed. */
  check<T>(field: string, result: RuleResult<T>): T | undefined {
    if (result.ok) return result.value;
    this.add(field, result.message);
    return undefined;
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  /** BAD_USER_INPUT with every problem, if there is any. */
  throwIfAny(): void {
    if (!this.empty) throw new BadUserInputError(this.list, this.list.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

/** Checks a plain text field's length. */
export function checkText(problems: Problems, field: string, value: unknown, min: number, max: number): string | undefined {
  if (typeof value !== "string") {
    problems.add(field, "must be a string");
    return undefined;
  }
  const trimmed = value.trim();
  if (trimmed.length < min || trimmed.length > max) {
    problems.add(field, `length must be ${min}–${max} characters`);
    return undefined;
  }
  return trimmed;
}

/** Checks an integer within bounds. */
export function checkInt(problems: Problems, field: string, value: unknown, min: number, max: number): number | undefined {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    problems.add(field, `must be an integer in ${min}–${max}`);
    return undefined;
  }
  return value;
}

/** Checks a list of short strings (skills, certificates). */
export function checkStringList(problems: Problems, field: string, value: unknown, maxItems: number, maxLength: number): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.length > maxItems || value.some((v) => typeof v !== "string" || v.length > maxLength)) {
    problems.add(field, `must be at most ${maxItems} texts of at most ${maxLength} characters`);
    return [];
  }
  return value.map((v: string) => v.trim()).filter((v) => v.length > 0);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a calendar date written YYYY-MM-DD. */
export function checkDate(problems: Problems, field: string, value: unknown): string | undefined {
  if (typeof value !== "string" || !DATE.test(value)) {
    problems.add(field, "must be a date YYYY-MM-DD");
    return undefined;
  }
  const date = new Date(`${value}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
    problems.add(field, "is not a real calendar date");
    return undefined;
  }
  return value;
}
