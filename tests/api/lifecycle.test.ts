import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnServer, stopAllServers } from "../helpers/spawn-server";

/** The server on its own embedded FerretDB (no MONGODB_URI): start, stop, and losing the database. */
const embedded = () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
  const { MONGODB_URI: _ignored, ...env } = process.env;
  void _ignored;
  return { dataDir, env: { ...env, DATA_DIR: dataDir } as Record<string, string> };
};

afterAll(async () => {
  await stopAllServers();
});

test("SIGTERM drains, stops the embedded FerretDB and exits 0", async () => {
  const { env } = embedded();
  const server = await spawnServer({ ...env, MONGODB_URI: "" });
  const ferretdb = Number(fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, "utf8").trim().split(/\s+/)[0]);
  expect(ferretdb).toBeGreaterThan(0);
  expect(await server.stop()).toBe("0");
  expect(fs.existsSync(`/proc/${ferretdb}`) && !fs.readFileSync(`/proc/${ferretdb}/status`, "utf8").includes("zombie")).toBe(false);
}, 90_000);

test("when the embedded FerretDB dies, the server says so and exits non-zero", async () => {
  const { env } = embedded();
  const server = await spawnServer({ ...env, MONGODB_URI: "" });
  const ferretdb = Number(fs.readFileSync(`/proc/${server.child.pid}/task/${server.child.pid}/children`, "utf8").trim().split(/\s+/)[0]);
  process.kill(ferretdb, "SIGKILL");
  expect(await server.exited).toBe("1");
  expect(server.output()).toMatch(/FerretDB exited unexpectedly/);
}, 90_000);

test("when FerretDB cannot start, the server says why and exits non-zero instead of hanging", async () => {
  const { dataDir, env } = embedded();
  const notADirectory = path.join(dataDir, "file");
  fs.writeFileSync(notADirectory, "");
  await expect(spawnServer({ ...env, MONGODB_URI: "", DATA_DIR: notADirectory })).rejects.toThrow(/exited \(1\) before it started[\s\S]*cannot start/);
}, 90_000);
