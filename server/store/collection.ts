import { Types, trusted, type Model } from "mongoose";
import type { ConnectionShape } from "../../schema/connection";
import { PageInfo } from "../../schema/connection";
import { BadUserInputError } from "../errors";
import { matches, mongoFilter, type Equality } from "./filters";
import { storeCache, type ReadCache } from "./read-cache";
import type { FerretSql } from "./sql";

const QUERY_TIMEOUT_MS = 10000;

export interface PageArgs {
  first: number;
  after?: string | null;
}

/** The one cursor scheme of every connection: the last node's _id. */
export function encodeCursor(id: Types.ObjectId | string): string {
  return Buffer.from(`id:${String(id)}`).toString("base64url");
}

export function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString();
  const id = text.startsWith("id:") ? text.slice(3) : "";
  if (!Types.ObjectId.isValid(id) || !/^[0-9a-f]{24}$/.test(id)) throw new BadUserInputError("after", "invalid cursor");
  return id;
}

/** Nodes read one more than asked (to know whether a next page exists) in a connection's shape. */
export function connectionOf<T extends { _id: Types.ObjectId }>(nodes: T[], first: number, totalCount: number): ConnectionShape<T> {
  const page = nodes.slice(0, first);
  const pageInfo = new PageInfo();
  pageInfo.hasNextPage = nodes.length > first;
  pageInfo.endCursor = page.length ? encodeCursor(page[page.length - 1]!._id) : null;
  return { totalCount, edges: page.map((node) => ({ node, cursor: encodeCursor(node._id) })), pageInfo };
}

/**
 * One collection as the store reads it: pages in _id order, counts, look-ups by id, each filtered
 * by top-level equality (`Equality`). On the embedded database (FerretDB on PostgreSQL) a read is
 * one SQL query (see sql.ts); on MongoDB it is the same query through mongoose, served by the
 * declared indexes. Both give the same documents (tests/api/store.test.ts).
 */
export class StoredCollection<T extends { _id: Types.ObjectId }> {
  /** Total counts, kept until the collection is written (a count reads every match; a page does not). */
  private readonly counts: ReadCache;

  constructor(readonly model: Model<T>, private readonly sql: FerretSql | null) {
    this.counts = storeCache(sql !== null);
  }

  get name(): string {
    return this.model.collection.collectionName;
  }

  /** A page of the documents matching `filter`, after the cursor, with the filter's total count. */
  async page(filter: Equality, page: PageArgs): Promise<ConnectionShape<T>> {
    const afterId = page.after ? decodeCursor(page.after) : undefined;
    const [nodes, totalCount] = await Promise.all([this.find(filter, { afterId, limit: page.first + 1 }), this.count(filter)]);
    return connectionOf(nodes, page.first, totalCount);
  }

  /** Documents matching `filter` in _id order (after `afterId`, at most `limit`). */
  async find(filter: Equality, options: { afterId?: string; limit?: number } = {}): Promise<T[]> {
    if (this.sql) return this.sql.find<T>(this.name, filter, options);
    const query = mongoFilter(filter);
    if (options.afterId) query._id = trusted({ $gt: new Types.ObjectId(options.afterId) });
    let cursor = this.model.find(query).sort({ _id: 1 });
    if (options.limit) cursor = cursor.limit(options.limit);
    return cursor.maxTimeMS(QUERY_TIMEOUT_MS).lean<T[]>().exec();
  }

  count(filter: Equality): Promise<number> {
    return this.counts.get(JSON.stringify(filter), [this.name], () => {
      if (this.sql) return this.sql.count(this.name, filter);
      return this.model.countDocuments(mongoFilter(filter)).maxTimeMS(QUERY_TIMEOUT_MS).exec();
    });
  }

  /**
   * One document by id. On the embedded database the look-ups asked in the same tick (a page's
   * nested fields: each row's student, posting, enterprise) go out as one primary-key query.
   * Nothing is kept past that query: batching only, no cache.
   */
  async byId(id: Types.ObjectId | string): Promise<T | null> {
    if (!this.sql) return this.model.findById(id).lean<T>().exec() as Promise<T | null>;
    const hex = String(id);
    if (!/^[0-9a-f]{24}$/.test(hex)) return null;
    return new Promise<T | null>((resolve, reject) => {
      const waiting = this.pending.get(hex);
      if (waiting) waiting.push({ resolve, reject });
      else this.pending.set(hex, [{ resolve, reject }]);
      if (this.pending.size === 1 && waiting === undefined) process.nextTick(() => void this.flushById());
    });
  }

  private pending = new Map<string, { resolve: (doc: T | null) => void; reject: (err: unknown) => void }[]>();

  private async flushById(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    try {
      const docs = await this.sql!.byIds<T>(this.name, [...batch.keys()]);
      const found = new Map(docs.map((d) => [String(d._id), d]));
      for (const [hex, waiters] of batch) for (const w of waiters) w.resolve(found.get(hex) ?? null);
    } catch (err) {
      for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
    }
  }

  /** The document with this id if it matches `scope` (a viewer's scope), else null. */
  async inScope(id: Types.ObjectId | string, scope: Equality): Promise<T | null> {
    const doc = await this.byId(id);
    return doc && matches(scope, doc) ? doc : null;
  }

  /** Documents by id, in the order given, missing ones left out. */
  async byIds(ids: (Types.ObjectId | string)[]): Promise<T[]> {
    const hex = ids.map(String);
    if (hex.length === 0) return [];
    if (this.sql) return this.sql.byIds<T>(this.name, hex);
    const docs = await this.model.find({ _id: trusted({ $in: hex.map((id) => new Types.ObjectId(id)) }) }).lean<T[]>().exec();
    const byId = new Map(docs.map((d) => [String(d._id), d]));
    return hex.map((id) => byId.get(id)).filter((d): d is NonNullable<typeof d> => d !== undefined) as T[];
  }
}
