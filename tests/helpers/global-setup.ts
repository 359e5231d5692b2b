import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedDatabase } from "../../server/embedded";

/**
 * Starts one embedded database (PostgreSQL + FerretDB) for the whole API test run, unless
 * MONGODB_URI points at a real MongoDB; each test file uses its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI.replace(/\/[^/?]*(\?|$)/, "/$1").replace(/\/$/, "");
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "talent-test-db-"));
  // As root, PostgreSQL runs as the `postgres` account, which must be able to enter this folder.
  fs.chmodSync(dataDir, 0o755);
  const database = await startEmbeddedDatabase({ dataDir, log: () => undefined });
  process.env.TEST_MONGODB_URI = database.uri;
  process.env.TEST_POSTGRES_URL = database.postgresUrl;
  (globalThis as Record<string, unknown>).__EMBEDDED_DB__ = { stop: database.stop, dataDir };
}
