import { Types, trusted } from "mongoose";
import type { ConnectionShape } from "../../schema/connection";
import { NoticeModel, NoticeStatus, type Notice } from "../../schema/notice.model";
import { connectionOf, decodeCursor, type PageArgs } from "./collection";
import { DocumentStore } from "./document-store";
import { mongoFilter, sqlFilter, type Equality } from "./filters";
import { decodeDocument } from "./sjson";
import type { FerretSql } from "./sql";

const QUERY_TIMEOUT_MS = 10000;

/**
 * Which notices a read wants: top-level equalities (kind, status, district, industryKeys, majors,
 * majorKeys, enterprise, school, student, publisherRole: each GIN-indexed on FerretDB), every one
 * of `allTerms` among the search terms (one containment of the array, which the terms' GIN index
 * serves), and valid on `activeOn` (checked on the indexed candidates).
 */
export interface NoticeCriteria {
  equality: Equality;
  allTerms?: string[];
  anyTerms?: string[];
  activeOn?: string;
}

/** What ranking reads of a candidate: of the query's terms, those in its title and those in its text. */
export interface NoticeCandidate {
  id: string;
  title: string;
  titleTerms: string[];
  terms: string[];
}

/** Notices. Lists newest first (cursor: the last id, the next page is older); search candidates by terms. */
export class NoticesStore extends DocumentStore<Notice> {
  constructor(private readonly sql: FerretSql | null) {
    super(NoticeModel, sql);
  }

  private where(criteria: NoticeCriteria, params: unknown[]): string {
    const parts = [sqlFilter(criteria.equality, params)];
    if (criteria.allTerms?.length) {
      params.push(JSON.stringify(criteria.allTerms));
      parts.push(`(_jsonb->'terms') @> $${params.length}::jsonb`);
    }
    if (criteria.anyTerms?.length) {
      parts.push(`(${criteria.anyTerms.map((t) => {
        params.push(JSON.stringify([t]));
        return `(_jsonb->'terms') @> $${params.length}::jsonb`;
      }).join(" or ")})`);
    }
    if (criteria.activeOn) {
      params.push(criteria.activeOn);
      parts.push(`_jsonb->>'validFrom' <= $${params.length} and _jsonb->>'validUntil' >= $${params.length}`);
    }
    return parts.join(" and ");
  }

  private mongo(criteria: NoticeCriteria): Record<string, unknown> {
    const query = mongoFilter(criteria.equality);
    const and: Record<string, unknown>[] = [];
    if (criteria.allTerms?.length) and.push({ terms: trusted({ $all: criteria.allTerms }) });
    if (criteria.anyTerms?.length) and.push({ terms: trusted({ $in: criteria.anyTerms }) });
    if (criteria.activeOn) and.push({ validFrom: trusted({ $lte: criteria.activeOn }), validUntil: trusted({ $gte: criteria.activeOn }) });
    return and.length ? { ...query, $and: and } : query;
  }

  /** A page of the matching notices, newest first, with their count. */
  async list(criteria: NoticeCriteria, page: PageArgs): Promise<ConnectionShape<Notice>> {
    const before = page.after ? decodeCursor(page.after) : undefined;
    const [nodes, totalCount] = await Promise.all([this.newest(criteria, page.first + 1, before), this.count(criteria)]);
    return connectionOf(nodes, page.first, totalCount);
  }

  /** The newest `limit` matching notices (older than `before`). */
  async newest(criteria: NoticeCriteria, limit: number, before?: string): Promise<Notice[]> {
    if (this.sql) {
      const table = await this.sql.table(this.collection.name);
      if (!table) return [];
      const params: unknown[] = [];
      let where = this.where(criteria, params);
      if (before) {
        params.push(JSON.stringify(before));
        where += ` and _jsonb->'_id' < $${params.length}::jsonb`;
      }
      const rows = await this.sql.query<{ _jsonb: Record<string, unknown> }>(`select _jsonb from ${table} where ${where} order by _jsonb->'_id' desc limit ${Math.floor(limit)}`, params);
      return rows.rows.map((r) => decodeDocument<Notice>(r._jsonb));
    }
    const query = this.mongo(criteria);
    if (before) query._id = trusted({ $lt: new Types.ObjectId(before) });
    return this.model.find(query).sort({ _id: -1 }).limit(limit).maxTimeMS(QUERY_TIMEOUT_MS).lean<Notice[]>().exec();
  }

  async count(criteria: NoticeCriteria): Promise<number> {
    if (this.sql) {
      const table = await this.sql.table(this.collection.name);
      if (!table) return 0;
      const params: unknown[] = [];
      const rows = await this.sql.query<{ n: string }>(`select count(*) as n from ${table} where ${this.where(criteria, params)}`, params);
      return Number(rows.rows[0]!.n);
    }
    return this.model.countDocuments(this.mongo(criteria)).maxTimeMS(QUERY_TIMEOUT_MS).exec();
  }

  /**
   * The newest `limit` notices matching the criteria as ranking reads them: id, title, and which of
   * `rankTerms` their title and their text contain. On FerretDB the containment tests run in the
   * same SQL query, so no term list leaves the database.
   */
  async candidates(criteria: NoticeCriteria, rankTerms: string[], limit: number): Promise<NoticeCandidate[]> {
    if (this.sql) {
      const table = await this.sql.table(this.collection.name);
      if (!table) return [];
      const params: unknown[] = [];
      const where = this.where(criteria, params);
      // Each field read of a row decompresses its (TOASTed) document again: read the four fields
      // once in the inner query, test the terms on those values in the outer one.
      const tests: string[] = [];
      rankTerms.forEach((term, i) => {
        params.push(JSON.stringify([term]));
        tests.push(`tt @> $${params.length}::jsonb as t${i}`, `te @> $${params.length}::jsonb as b${i}`);
      });
      const inner = `select _jsonb->>'_id' as id, _jsonb->>'title' as title, _jsonb->'titleTerms' as tt, _jsonb->'terms' as te from ${table} where ${where} order by _jsonb->'_id' desc limit ${Math.floor(limit)}`;
      const rows = await this.sql.query<Record<string, string | boolean>>(`select ${["id", "title", ...tests].join(", ")} from (${inner}) c`, params);
      return rows.rows.map((r) => ({
        id: String(r.id),
        title: String(r.title),
        titleTerms: rankTerms.filter((_, i) => r[`t${i}`] === true),
        terms: rankTerms.filter((_, i) => r[`b${i}`] === true),
      }));
    }
    const docs = await this.model.find(this.mongo(criteria), { title: 1, titleTerms: 1, terms: 1 }).sort({ _id: -1 }).limit(limit).maxTimeMS(QUERY_TIMEOUT_MS).lean<Notice[]>().exec();
    return docs.map((d) => {
      const title = new Set(d.titleTerms);
      const all = new Set(d.terms);
      return { id: String(d._id), title: d.title, titleTerms: rankTerms.filter((t) => title.has(t)), terms: rankTerms.filter((t) => all.has(t)) };
    });
  }

  /** Published notices whose validity ended before `today`: they become EXPIRED. Returns their ids. */
  async expireEndedBefore(today: string): Promise<Types.ObjectId[]> {
    const ended = await this.model.find({ status: NoticeStatus.PUBLISHED, validUntil: trusted({ $lt: today }) }, { _id: 1 }).lean<{ _id: Types.ObjectId }[]>().exec();
    const ids = ended.map((d) => d._id);
    for (let i = 0; i < ids.length; i += 1000) {
      await this.model.updateMany({ _id: trusted({ $in: ids.slice(i, i + 1000) }), status: NoticeStatus.PUBLISHED }, { $set: { status: NoticeStatus.EXPIRED } }).exec();
    }
    return ids;
  }
}
