import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedFerretdb } from "../../server/embedded-ferretdb";

/**
 * Starts one embedded FerretDB for the whole API test run (unless MONGODB_URI
 * points at a real MongoDB); each test file uses its own database on it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.MONGODB_URI) {
    process.env.TEST_MONGODB_URI = process.env.MONGODB_URI.replace(/\/[^/?]*(\?|$)/, "/$1").replace(/\/$/, "");
    return;
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "talent-test-db-"));
  const ferretdb = await startEmbeddedFerretdb({ dataDir });
  process.env.TEST_MONGODB_URI = ferretdb.uri;
  (globalThis as Record<string, unknown>).__FERRETDB__ = { stop: ferretdb.stop, dataDir };
}
