import { Types } from "mongoose";

/**
 * FerretDB v1.24's PostgreSQL backend keeps a document as JSON in `_jsonb`, with its BSON types
 * under `$s` (`p`: each field's type, `$k`: the key order; arrays list each item's type in `i`).
 * This turns such a row back into what mongoose's `lean()` gives for our models: ObjectIds, Dates,
 * numbers, strings, booleans, null, arrays and sub-documents.
 */
interface TypeInfo {
  t: string;
  $s?: ObjectSchema;
  i?: TypeInfo[];
}
interface ObjectSchema {
  p: Record<string, TypeInfo>;
  $k: string[];
}

function decodeValue(value: unknown, type: TypeInfo): unknown {
  switch (type.t) {
    case "objectId":
      return new Types.ObjectId(value as string);
    case "date":
      return new Date(value as number);
    case "object":
      return decodeObject(value as Record<string, unknown>, type.$s!);
    case "array":
      return (value as unknown[]).map((item, i) => decodeValue(item, type.i![i]!));
    case "binData":
      return Buffer.from(value as string, "base64");
    default:
      return value;
  }
}

function decodeObject(value: Record<string, unknown>, schema: ObjectSchema): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of schema.$k) out[key] = decodeValue(value[key], schema.p[key]!);
  return out;
}

/** A document as stored by FerretDB (the `_jsonb` column), as mongoose's lean() would give it. */
export function decodeDocument<T>(jsonb: Record<string, unknown>): T {
  return decodeObject(jsonb, jsonb.$s as ObjectSchema) as T;
}
