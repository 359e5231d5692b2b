import { Types, trusted, type Model } from "mongoose";
import type { ConnectionShape } from "../../schema/connection";
import { PageInfo } from "../../schema/connection";
import { inScope } from "../auth";
import { BadUserInputError } from "../errors";

const QUERY_TIMEOUT_MS = 10000;

export function encodeCursor(id: Types.ObjectId | string): string {
  return Buffer.from(`id:${String(id)}`).toString("base64url");
}

export function decodeCursor(cursor: string): Types.ObjectId {
  const text = Buffer.from(cursor, "base64url").toString();
  const id = text.startsWith("id:") ? text.slice(3) : "";
  if (!Types.ObjectId.isValid(id)) throw new BadUserInputError("after", "invalid cursor");
  return new Types.ObjectId(id);
}

/**
 * One page of a collection in _id order (stable, index-backed): `first` nodes
 * after the cursor, with the total count of the filter.
 */
export async function paginate<T extends { _id: Types.ObjectId }>(
  model: Model<T>,
  filter: Record<string, unknown>,
  page: { first: number; after?: string | null },
): Promise<ConnectionShape<T>> {
  const pageFilter = page.after ? { $and: [filter, { _id: trusted({ $gt: decodeCursor(page.after) }) }] } : filter;
  const [docs, totalCount] = await Promise.all([
    model.find(pageFilter).sort({ _id: 1 }).limit(page.first + 1).maxTimeMS(QUERY_TIMEOUT_MS).lean<T[]>().exec(),
    model.countDocuments(filter).maxTimeMS(QUERY_TIMEOUT_MS).exec(),
  ]);
  const nodes = docs.slice(0, page.first);
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = docs.length > page.first;
  pageInfo.endCursor = nodes.length ? encodeCursor(nodes[nodes.length - 1]!._id) : null;
  return { totalCount, edges: nodes.map((node) => ({ node, cursor: encodeCursor(node._id) })), pageInfo };
}

/**
 * One page of `ids` (ObjectId hex strings, ascending) in the shape and cursors of
 * `paginate`, reading only the page's documents through `load` (which may drop
 * ids that no longer exist).
 */
export async function paginateIds<T extends { _id: Types.ObjectId }>(
  ids: string[],
  load: (ids: string[]) => Promise<T[]>,
  page: { first: number; after?: string | null },
): Promise<ConnectionShape<T>> {
  let start = 0;
  if (page.after) {
    const after = String(decodeCursor(page.after));
    while (start < ids.length && ids[start]! <= after) start++;
  }
  const nodes = await load(ids.slice(start, start + page.first));
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = start + page.first < ids.length;
  pageInfo.endCursor = nodes.length ? encodeCursor(nodes[nodes.length - 1]!._id) : null;
  return { totalCount: ids.length, edges: nodes.map((node) => ({ node, cursor: encodeCursor(node._id) })), pageInfo };
}

/**
 * Documents by _id, in the order given, missing ones left out: FerretDB's
 * SQLite backend uses its index for `_id` equality only, so `$in` on `_id`
 * would read the whole collection; these are parallel look-ups, 50 at a time.
 */
export async function findByIds<T>(model: Model<T>, ids: string[]): Promise<T[]> {
  const found = await inParallel(ids, (id) => model.findById(id).lean<T>().exec());
  return found.filter((d): d is NonNullable<typeof d> => d !== null) as T[];
}

/**
 * `task` over every item, 50 at a time: a round trip per item (each a look-up by _id), not a read
 * of a collection. Each group settles before the next starts or the first failure is thrown, so
 * nothing is left running behind an undo.
 */
export async function inParallel<T, R>(items: T[], task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += 50) {
    for (const settled of await Promise.allSettled(items.slice(i, i + 50).map(task))) {
      if (settled.status === "rejected") throw settled.reason;
      results.push(settled.value);
    }
  }
  return results;
}

/**
 * The document with this _id if it falls in the viewer's scope (a scope* filter), else null. Read
 * by _id alone and the scope checked on the document: FerretDB pushes only a bare `_id` filter down
 * to SQLite, so `{ $and: [{ _id }, scope] }` decoded every document of the collection.
 */
export async function findInScope<T extends object>(model: Model<T>, id: Types.ObjectId, scope: Record<string, unknown>): Promise<T | null> {
  const doc = await model.findById(id).lean<T>().exec();
  return doc && inScope(scope, doc as object) ? (doc as T) : null;
}

/** Parses an id argument, or BAD_USER_INPUT naming the field. */
export function toObjectId(field: string, id: string): Types.ObjectId {
  if (!Types.ObjectId.isValid(id) || String(new Types.ObjectId(id)) !== id.toLowerCase()) {
    throw new BadUserInputError(field, `not a valid id: "${id}"`);
  }
  return new Types.ObjectId(id);
}
