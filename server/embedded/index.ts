import fs from "node:fs";
import path from "node:path";
import { startEmbeddedFerretdb, type EmbeddedFerretdb } from "./ferretdb";
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedPostgres } from "./postgres";

export { repoRoot, ferretdbBinary } from "./ferretdb";
export { freePort } from "./ports";

/** The PostgreSQL database FerretDB keeps every MongoDB database in (one schema each). */
const FERRETDB_DATABASE = "ferretdb";

export interface EmbeddedDatabase {
  /** mongodb:// URI of FerretDB without a database name. */
  uri: string;
  /** postgres:// URL of the database holding FerretDB's tables (for the store's own indexes). */
  postgresUrl: string;
  ferretdb: EmbeddedFerretdb;
  postgres: EmbeddedPostgres;
  /** Stops FerretDB, then PostgreSQL. */
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  dataDir: string;
  ferretdbPort?: number;
  onUnexpectedExit?: (reason: string) => void;
  log?: (message: string) => void;
  detached?: boolean;
}

/**
 * Data directories written before PostgreSQL became the embedded database hold FerretDB's SQLite
 * files (one `<db>.sqlite` per database); they cannot be read by this version.
 */
function refuseSqliteLayout(dataDir: string): void {
  if (!fs.existsSync(dataDir)) return;
  const sqlite = fs.readdirSync(dataDir).filter((f) => f.endsWith(".sqlite"));
  if (sqlite.length === 0) return;
  throw new Error(
    `${dataDir} holds data of the old embedded database (FerretDB on SQLite: ${sqlite.join(", ")}), which this version cannot read. ` +
      `The embedded database is now PostgreSQL. To start again from the demo data, delete the folder (rm -rf ${dataDir}); ` +
      `or set DATA_DIR to another folder and keep this one.`,
  );
}

/** Starts PostgreSQL (the cluster under `dataDir/postgres`) and FerretDB in front of it. */
export async function startEmbeddedDatabase(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  refuseSqliteLayout(dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const postgres = await startEmbeddedPostgres({
    clusterDir: path.join(dataDir, "postgres"),
    onUnexpectedExit: options.onUnexpectedExit,
    log: options.log,
    detached: options.detached,
  });
  let ferretdb: EmbeddedFerretdb;
  try {
    await ensureDatabase(postgres.url("postgres"), FERRETDB_DATABASE);
    ferretdb = await startEmbeddedFerretdb({
      postgresUrl: postgres.url(FERRETDB_DATABASE),
      port: options.ferretdbPort,
      onUnexpectedExit: options.onUnexpectedExit,
      detached: options.detached,
    });
  } catch (err) {
    await postgres.stop();
    throw err;
  }
  return {
    uri: ferretdb.uri,
    postgresUrl: postgres.url(FERRETDB_DATABASE),
    ferretdb,
    postgres,
    async stop() {
      await ferretdb.stop();
      await postgres.stop();
    },
  };
}
