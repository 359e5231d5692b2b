import fs from "node:fs";

export default async function globalTeardown(): Promise<void> {
  const ferretdb = (globalThis as Record<string, unknown>).__FERRETDB__ as { stop(): Promise<void>; dataDir: string } | undefined;
  if (!ferretdb) return;
  await ferretdb.stop();
  fs.rmSync(ferretdb.dataDir, { recursive: true, force: true });
}
