import { GraphQLError } from "graphql";

export type ErrorCode = "BAD_USER_INPUT" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "CONFLICT";

/** An expected failure of a request, shown to the client with its code. */
export class AppError extends GraphQLError {
  constructor(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extensions } });
  }
}

export interface FieldProblem {
  field: string;
  message: string;
  /** 1-based row number, for bulk imports. */
  row?: number;
}

export class BadUserInputError extends AppError {
  /** One problem: `field` names the argument or input field (dotted path). */
  constructor(field: string, message: string);
  /** Several problems at once (bulk imports): every row's errors. */
  constructor(problems: FieldProblem[], message?: string);
  constructor(fieldOrProblems: string | FieldProblem[], message?: string) {
    const problems = typeof fieldOrProblems === "string" ? [{ field: fieldOrProblems, message: message ?? "invalid" }] : fieldOrProblems;
    const summary = typeof fieldOrProblems === "string" ? `${fieldOrProblems}: ${message}` : message ?? `${problems.length} invalid value(s)`;
    super(summary, "BAD_USER_INPUT", { field: problems[0]?.field, errors: problems });
  }
}

export class UnauthenticatedError extends AppError {
  constructor(message = "login required") { super(message, "UNAUTHENTICATED"); }
}

export class ForbiddenError extends AppError {
  constructor(message = "not allowed for this account") { super(message, "FORBIDDEN"); }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) { super(`${entity} ${id} not found`, "NOT_FOUND", { entity }); }
}

export class ConflictError extends AppError {
  constructor(field: string, message: string, problems?: FieldProblem[]) {
    super(message, "CONFLICT", problems ? { field, errors: problems } : { field });
  }
}
