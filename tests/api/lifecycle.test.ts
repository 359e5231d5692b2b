import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnServer, stopAllServers } from "../helpers/spawn-server";

/** The server on its own embedded database (no MONGODB_URI): start, stop, and losing the database. */
const embedded = () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lifecycle-"));
  const { MONGODB_URI: _ignored, ...env } = process.env;
  void _ignored;
  return { dataDir, env: { ...env, DATA_DIR: dataDir } as Record<string, string> };
};

/** The pid of the server's child process running `command` (ferretdb or postgres). */
function childNamed(serverPid: number, command: string): number {
  const children = fs.readFileSync(`/proc/${serverPid}/task/${serverPid}/children`, "utf8").trim().split(/\s+/).map(Number);
  const found = children.find((pid) => fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === command);
  if (!found) throw new Error(`no ${command} among the server's children ${children.join(", ")}`);
  return found;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`) && !fs.readFileSync(`/proc/${pid}/status`, "utf8").includes("zombie");

afterAll(async () => {
  await stopAllServers();
});

test("SIGTERM drains, stops the embedded FerretDB and PostgreSQL and exits 0", async () => {
  const { env } = embedded();
  const server = await spawnServer({ ...env, MONGODB_URI: "" });
  const ferretdb = childNamed(server.child.pid!, "ferretdb");
  const postgres = childNamed(server.child.pid!, "postgres");
  expect(await server.stop()).toBe("0");
  expect(alive(ferretdb)).toBe(false);
  expect(alive(postgres)).toBe(false);
}, 90_000);

test.each(["ferretdb", "postgres"])("when the embedded %s dies, the server says so and exits non-zero", async (command) => {
  const { env } = embedded();
  const server = await spawnServer({ ...env, MONGODB_URI: "" });
  process.kill(childNamed(server.child.pid!, command), "SIGKILL");
  expect(await server.exited).toBe("1");
  expect(server.output()).toMatch(command === "ferretdb" ? /FerretDB exited unexpectedly/ : /PostgreSQL exited unexpectedly/);
}, 90_000);

test("a PostgreSQL left running by a killed server is shut down and its data served at the next start", async () => {
  const { dataDir, env } = embedded();
  const first = await spawnServer({ ...env, MONGODB_URI: "" });
  const postgres = childNamed(first.child.pid!, "postgres");
  process.kill(first.child.pid!, "SIGKILL");
  await first.exited;
  expect(alive(postgres)).toBe(true); // PostgreSQL is a separate process: it outlives a kill -9
  const second = await spawnServer({ ...env, MONGODB_URI: "", DATA_DIR: dataDir });
  expect(second.output()).toMatch(/from an earlier run \(pid \d+\) still holds/);
  expect(alive(postgres)).toBe(false);
  const res = await fetch(second.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ clusters { name } }" }) });
  expect(res.status).toBeLessThan(500);
  expect(await second.stop()).toBe("0");
}, 120_000);

test("a data directory of the old SQLite layout is refused with what to do", async () => {
  const { dataDir, env } = embedded();
  fs.writeFileSync(path.join(dataDir, "talent.sqlite"), "");
  await expect(spawnServer({ ...env, MONGODB_URI: "" })).rejects.toThrow(/old embedded database \(FerretDB on SQLite[\s\S]*rm -rf/);
}, 60_000);

test("when FerretDB cannot start, the server says why and exits non-zero instead of hanging", async () => {
  const { dataDir, env } = embedded();
  const notADirectory = path.join(dataDir, "file");
  fs.writeFileSync(notADirectory, "");
  await expect(spawnServer({ ...env, MONGODB_URI: "", DATA_DIR: notADirectory })).rejects.toThrow(/exited \(1\) before it started[\s\S]*cannot start/);
}, 90_000);
