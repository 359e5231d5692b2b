import pg from "pg";
import { ferretdbTables } from "./indexes";
import { decodeDocument } from "./sjson";
import { holdsNul, sqlFilter, type Equality } from "./filters";

/**
 * Reads FerretDB's PostgreSQL tables directly, for what FerretDB itself cannot push down: it
 * never pushes a sort or (with a filter) a limit, so a filtered page fetched every matching row
 * and sorted in Go. Here a page is one SQL query on the primary key's order (`_jsonb->'_id'`, the
 * btree FerretDB keeps for `_id`) and the GIN indexes of the filter. Reads only: every write goes
 * through FerretDB, which keeps its metadata and type map. Used only on the embedded database.
 */
/** One SQL statement with its bound parameters. */
export interface Statement {
  text: string;
  params: unknown[];
}

export class FerretSql {
  private readonly tables = new Map<string, string>();

  constructor(private readonly pool: pg.Pool, private readonly database: string) {}

  static connect(postgresUrl: string, database: string): FerretSql {
    const pool = new pg.Pool({ connectionString: postgresUrl, max: 10 });
    // An idle connection that breaks (PostgreSQL restarted or gone) is dropped by the pool; the
    // error must not crash the process: the next query fails or reconnects on its own, and the
    // embedded launcher reports a dead PostgreSQL itself.
    pool.on("error", () => undefined);
    return new FerretSql(pool, database);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** The qualified table of a collection, or null while the collection does not exist. */
  async table(collection: string): Promise<string | null> {
    let table = this.tables.get(collection);
    if (!table) {
      const client = await this.pool.connect();
      try {
        for (const [name, t] of await ferretdbTables(client as unknown as pg.Client, this.database)) this.tables.set(name, t);
      } finally {
        client.release();
      }
      table = this.tables.get(collection);
      if (!table) return null;
    }
    return `${pg.escapeIdentifier(this.database)}.${pg.escapeIdentifier(table)}`;
  }

  /** Forgets the table names (after a database was dropped and created again). */
  forgetTables(): void {
    this.tables.clear();
  }

  query<R extends pg.QueryResultRow>(text: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    return this.pool.query<R>(text, params);
  }

  /** The SQL of `find` (null while the collection does not exist): what EXPLAIN checks. */
  async findStatement(collection: string, filter: Equality, options: { afterId?: string; limit?: number } = {}): Promise<Statement | null> {
    const table = await this.table(collection);
    if (!table) return null;
    const params: unknown[] = [];
    let where = sqlFilter(filter, params);
    if (options.afterId) {
      params.push(JSON.stringify(options.afterId));
      where += ` and _jsonb->'_id' > $${params.length}::jsonb`;
    }
    const limit = options.limit ? ` limit ${Math.floor(options.limit)}` : "";
    return { text: `select _jsonb from ${table} where ${where} order by _jsonb->'_id'${limit}`, params };
  }

  /** The SQL of `count`. */
  async countStatement(collection: string, filter: Equality): Promise<Statement | null> {
    const table = await this.table(collection);
    if (!table) return null;
    const params: unknown[] = [];
    return { text: `select count(*) as n from ${table} where ${sqlFilter(filter, params)}`, params };
  }

  /** Documents matching `filter`, in _id order, after `afterId`, at most `limit`. */
  async find<T>(collection: string, filter: Equality, options: { afterId?: string; limit?: number } = {}): Promise<T[]> {
    const statement = await this.findStatement(collection, filter, options);
    if (!statement) return [];
    const rows = await this.query<{ _jsonb: Record<string, unknown> }>(statement.text, statement.params);
    return rows.rows.map((r) => decodeDocument<T>(r._jsonb));
  }

  async count(collection: string, filter: Equality): Promise<number> {
    const statement = await this.countStatement(collection, filter);
    if (!statement) return 0;
    const rows = await this.query<{ n: string }>(statement.text, statement.params);
    return Number(rows.rows[0]!.n);
  }

  /** Documents by _id (hex strings), in the order given, missing ones left out: one query on the primary key. */
  async byIds<T extends { _id: unknown }>(collection: string, ids: string[]): Promise<T[]> {
    const table = await this.table(collection);
    if (!table || ids.length === 0) return [];
    const rows = await this.query<{ _jsonb: Record<string, unknown> }>(`select _jsonb from ${table} where _jsonb->'_id' = any($1::jsonb[])`, [ids.map((id) => JSON.stringify(id))]);
    const byId = new Map(rows.rows.map((r) => [String(r._jsonb._id), decodeDocument<T>(r._jsonb)]));
    return ids.map((id) => byId.get(id)).filter((d): d is T => d !== undefined);
  }

  /**
   * Which of these values a field holds in some document: one query on the btree FerretDB keeps
   * for a unique index (`_jsonb->'field'`), where FerretDB would read the whole collection for `$in`.
   */
  async takenValues(collection: string, field: string, values: string[]): Promise<Set<string>> {
    const table = await this.table(collection);
    if (!table || values.length === 0) return new Set();
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`not a field name: ${field}`);
    const rows = await this.query<{ v: string }>(`select _jsonb->>'${field}' as v from ${table} where _jsonb->'${field}' = any($1::jsonb[])`, [values.filter((v) => !holdsNul(v)).map((v) => JSON.stringify(v))]);
    return new Set(rows.rows.map((r) => r.v));
  }

  /** The plan PostgreSQL would use for a query (the EXPLAIN test reads it). */
  async explain(statement: Statement): Promise<string> {
    const rows = await this.query<{ "QUERY PLAN": string }>(`explain ${statement.text}`, statement.params);
    return rows.rows.map((r) => r["QUERY PLAN"]).join("\n");
  }
}
