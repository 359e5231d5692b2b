import mongoose from "mongoose";
import pg from "pg";

/** True when the server is FerretDB (its buildInfo carries ferretdbVersion). */
export async function isFerretdb(): Promise<boolean> {
  const info = await mongoose.connection.db!.admin().command({ buildInfo: 1 });
  return "ferretdbVersion" in info;
}

/**
 * The top-level fields of every declared index of a model (what the store filters by), and `_id`:
 * FerretDB pushes `_id` equality (findById, updates and deletes by id) down as
 * `(_jsonb->'_id') @> '"<id>"'` too, which its primary key's btree cannot serve (a sequential scan
 * of every document per update, 622 ms at 124,000 students).
 */
function filteredFields(model: mongoose.Model<unknown>): string[] {
  const fields = new Set<string>(["_id"]);
  for (const [keys] of model.schema.indexes()) {
    for (const key of Object.keys(keys)) if (key !== "_id" && !key.includes(".")) fields.add(key);
  }
  return [...fields];
}

/**
 * Creates the indexes of every registered model.
 *
 * MongoDB gets every declared index. FerretDB gets the unique ones (they guard duplicates with
 * E11000) but not the others: FerretDB builds a btree on `_jsonb->'field'`, while it pushes an
 * equality filter down as `(_jsonb->'field') @> '"value"'`, which a btree cannot serve, so such an
 * index would only slow inserts. What serves that predicate is a GIN `jsonb_path_ops` index on the
 * same expression, which FerretDB cannot create: `ensurePushdownIndexes` adds those with SQL.
 */
export async function syncIndexes(postgresUrl?: string): Promise<void> {
  const ferretdb = await isFerretdb();
  for (const model of Object.values(mongoose.models)) {
    for (const [fields, options] of model.schema.indexes()) {
      if (ferretdb && !options.unique) continue;
      await model.collection.createIndex(fields as Record<string, 1 | -1>, options as Record<string, unknown>);
    }
  }
  if (ferretdb && postgresUrl) await ensurePushdownIndexes(postgresUrl, mongoose.connection.name);
}

/** FerretDB's table for each collection of a database (its metadata table maps them). */
export async function ferretdbTables(client: pg.Client, database: string): Promise<Map<string, string>> {
  const schema = client.escapeIdentifier(database);
  const exists = await client.query("select 1 from information_schema.tables where table_schema = $1 and table_name = '_ferretdb_database_metadata'", [database]);
  if (exists.rowCount === 0) return new Map();
  const rows = await client.query<{ collection: string; table: string }>(`select _jsonb->>'_id' as collection, _jsonb->>'table' as table from ${schema}._ferretdb_database_metadata`);
  return new Map(rows.rows.map((r) => [r.collection, r.table]));
}

/**
 * For every field a model declares an index on, a GIN `jsonb_path_ops` index on FerretDB's table
 * (`CREATE INDEX IF NOT EXISTS`: idempotent, cheap when present). Collections that do not exist
 * yet are created first (empty), so their indexes are there before the first insert.
 */
export async function ensurePushdownIndexes(postgresUrl: string, database: string): Promise<void> {
  for (const model of Object.values(mongoose.models)) {
    await model.createCollection().catch(() => undefined);
  }
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    const tables = await ferretdbTables(client, database);
    const schema = client.escapeIdentifier(database);
    for (const model of Object.values(mongoose.models)) {
      const table = tables.get(model.collection.collectionName);
      if (!table) continue;
      for (const field of filteredFields(model)) {
        const name = client.escapeIdentifier(`${table}_${field}_gin`.slice(0, 63));
        const literal = client.escapeLiteral(field);
        await client.query(`create index if not exists ${name} on ${schema}.${client.escapeIdentifier(table)} using gin ((_jsonb->${literal}) jsonb_path_ops)`);
      }
    }
  } finally {
    await client.end();
  }
}
