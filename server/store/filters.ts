import { Types, trusted } from "mongoose";

/** A value a store filters by: top-level equality, which FerretDB pushes down to PostgreSQL. */
export type Scalar = string | number | boolean | Types.ObjectId;

/**
 * What every list of the store filters by: each field equal to a value, or to any of several
 * (an array here), all fields together. On an array field, equality means "contains", as in
 * MongoDB. Nothing else (no ranges, no regex): that is what the GIN indexes serve.
 */
export type Equality = Record<string, Scalar | Scalar[] | null | undefined>;

function defined(filter: Equality): [string, Scalar | Scalar[]][] {
  return Object.entries(filter).filter((e): e is [string, Scalar | Scalar[]] => e[1] !== undefined && e[1] !== null);
}

/** The same filter for mongoose (server-built operators marked trusted, for sanitizeFilter). */
export function mongoFilter(filter: Equality): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, value] of defined(filter)) out[field] = Array.isArray(value) ? trusted({ $in: value }) : value;
  return out;
}

/** Whether a value holds U+0000, which PostgreSQL's jsonb cannot store: no document equals it. */
export function holdsNul(value: unknown): boolean {
  return typeof value === "string" && value.includes("\u0000");
}

/** JSON of a value as FerretDB stores it (an ObjectId as its hex string). */
function json(value: Scalar): string {
  return JSON.stringify(value instanceof Types.ObjectId ? value.toHexString() : value);
}

/**
 * The same filter as SQL on FerretDB's `_jsonb` column, in the form of its own pushdown
 * (`(_jsonb->'f') @> value`), which the store's GIN jsonb_path_ops indexes serve. Field names
 * come from the store's code, never from a client; values are bound parameters.
 */
export function sqlFilter(filter: Equality, params: unknown[]): string {
  const parts = defined(filter).map(([field, value]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`not a field name: ${field}`);
    const values = Array.isArray(value) ? value : [value];
    if (values.length === 0) return "false";
    if (field === "_id") {
      // The primary key is a btree on _jsonb->'_id': equality, not containment, is what it serves.
      params.push(values.filter((v) => !holdsNul(v)).map(json));
      return `_jsonb->'_id' = any($${params.length}::jsonb[])`;
    }
    const alternatives = values.map((v) => {
      if (holdsNul(v)) return "false";
      params.push(json(v));
      return `(_jsonb->'${field}') @> $${params.length}::jsonb`;
    });
    return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(" or ")})`;
  });
  return parts.length ? parts.join(" and ") : "true";
}

/** Whether a document matches the filter (for checks on a document already read). */
export function matches(filter: Equality, doc: object): boolean {
  const record = doc as Record<string, unknown>;
  return defined(filter).every(([field, value]) => {
    const wanted = (Array.isArray(value) ? value : [value]).map(String);
    const actual = record[field];
    const have = Array.isArray(actual) ? actual.map(String) : [String(actual)];
    return have.some((v) => wanted.includes(v));
  });
}
