import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { freePort } from "../../server/embedded";
import { hashPassword } from "../../server/security/passwords";
import { buildSyntheticCity } from "../../seeds/synthetic-city";
import { gqlAt, spawnServer, stopAllServers } from "../helpers/spawn-server";

/**
 * A server killed (kill -9) in the middle of a 10,000-row import leaves part of it written;
 * the next start takes those rows back from the write journal: the import is all or nothing.
 */
afterAll(async () => {
  await stopAllServers();
});

async function withDatabase<T>(port: number, work: (db: mongoose.Connection) => Promise<T>): Promise<T> {
  const db = await mongoose.createConnection(`mongodb://127.0.0.1:${port}/talent`, { serverSelectionTimeoutMS: 10000 }).asPromise();
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

test("a 10,000-row import cut off by kill -9 is taken back at the next start", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "interrupted-import-"));
  const { MONGODB_URI: _ignored, ...base } = process.env;
  void _ignored;
  const env = { ...base, DATA_DIR: dataDir, FERRETDB_PORT: String(await freePort()) } as Record<string, string>;
  const port = Number(env.FERRETDB_PORT);
  const first = await spawnServer(env);
  await withDatabase(port, (db) => db.collection("users").insertOne({ email: "bureau@crash.local", role: "BUREAU", passwordHash: "" }));
  await withDatabase(port, async (db) => db.collection("users").updateOne({ email: "bureau@crash.local" }, { $set: { passwordHash: await hashPassword("crash-password-1") } }));
  const token = (await gqlAt(first.url, `mutation { login(email: "bureau@crash.local", password: "crash-password-1") { token } }`)).data.login.token;
  const city = buildSyntheticCity({ students: 10_000, postings: 10, enterprises: 2, schools: 1 });
  const school = (await gqlAt(first.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: city.schools[0] }, token)).data.createSchool.id;

  const importing = gqlAt(first.url, `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school, rows: city.students.map((s) => s.row) }, token);
  // Kill the server once some rows are in but not all.
  let finished: unknown = null;
  void importing.then((res) => { finished = res; });
  const partial = await withDatabase(port, async (db) => {
    for (;;) {
      if (finished) throw new Error(`the import ended before it could be cut off: ${JSON.stringify(finished).slice(0, 500)}`);
      const n = await db.collection("students").countDocuments();
      if (n > 0) {
        process.kill(first.child.pid!, "SIGKILL");
        return n;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  expect((await importing).crashed).toBe(true);
  await first.exited;

  const second = await spawnServer(env);
  try {
    expect(second.output()).toMatch(/took back 1 interrupted import\(s\), 10000 row\(s\)/);
    const after = await withDatabase(port, async (db) => ({ students: await db.collection("students").countDocuments(), journal: await db.collection("write_journal").countDocuments() }));
    expect({ partialBeforeRestart: partial > 0, ...after }).toEqual({ partialBeforeRestart: true, students: 0, journal: 0 });
    // The same rows import whole afterwards (no national ID left claimed by the cut-off rows).
    const again = await gqlAt(second.url, `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: school, rows: city.students.map((s) => s.row) }, token);
    expect(again.data?.importStudents.imported).toBe(10_000);
  } finally {
    await second.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}, 180_000);
