import fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as Record<string, unknown>).__EMBEDDED_DB__ as { stop(): Promise<void>; dataDir: string } | undefined;
  if (!database) return;
  await database.stop();
  fs.rmSync(database.dataDir, { recursive: true, force: true });
}
