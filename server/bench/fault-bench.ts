/**
 * `npm run bench:faults`: the platform's promises under faults, each repeated, as one table.
 *
 *   import   kill -9 of the server at a random moment of a 10,000-row importStudents, × trials;
 *            after a restart: no partial import, no duplicate row, the retried import completes.
 *   commit   kill -9 at each step of a run's commit (ALLOCATION_CRASH_AT), × trials; after a
 *            restart: the old state or the new one, and the retried commit succeeds.
 *   database the database killed while requests are in flight (the server on MONGODB_URI, with a
 *            FerretDB started here and restarted on the same port; then the same with PostgreSQL):
 *            what clients saw during the outage, whether any hung, and whether the server recovered.
 *   fuzz     schema-aware fuzzed GraphQL requests (operations from the introspected schema with
 *            random and hostile arguments, fast-check): 0 5xx, 0 INTERNAL_SERVER_ERROR, 0 crashes.
 *   soak     many clients of mixed reads and writes (autocannon): 0 5xx, server memory growth.
 *
 * Flags (to shorten trials while developing): --only=import,commit,database,fuzz,soak
 * --trials=20 --rows=10000 --fuzz=1000 --seed=16 --soak-clients=200 --soak-seconds=60
 * --outage-seconds=10 --warm-up-seconds=20. Needs the built server (npm run bench:faults builds it first).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import fc from "fast-check";
import mongoose from "mongoose";
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isLeafType, isListType,
  isNonNullType, isObjectType, isScalarType, type GraphQLField, type GraphQLInputType, type GraphQLObjectType,
  type GraphQLOutputType, type GraphQLSchema, type IntrospectionQuery,
} from "graphql";
import { startEmbeddedDatabase, freePort, type EmbeddedDatabase } from "../embedded";
import { startEmbeddedFerretdb } from "../embedded/ferretdb";
import { startEmbeddedPostgres } from "../embedded/postgres";
import { ensureBureauAccount, gql, login, loadLine, machineLine, startServer, stopServer, type BenchServer } from "./bench-server";
import { nationalIdCheckChar } from "../../schema/rules/national-id";
import { generateCreditCode } from "../../schema/rules/credit-code";
import { createRng } from "../../schema/rules/rng";

// ---- flags ------------------------------------------------------------------------------------

function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  if (!arg) return fallback;
  const value = Number(arg.slice(name.length + 3));
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number`);
  return value;
}
const ONLY = (process.argv.find((a) => a.startsWith("--only="))?.slice(7) ?? "import,commit,database,fuzz,soak").split(",");
const TRIALS = flag("trials", 20);
const ROWS = flag("rows", 10_000);
const FUZZ = flag("fuzz", 1000);
const SEED = flag("seed", 16);
const SOAK_CLIENTS = flag("soak-clients", 200);
const SOAK_SECONDS = flag("soak-seconds", 60);
const OUTAGE_SECONDS = flag("outage-seconds", 10);
const WARM_UP_SECONDS = flag("warm-up-seconds", 20);

const EMAIL = "fault-bench@bench.local";
const PASSWORD = "fault-bench-password";
const DEMO_PASSWORD = "demo-password";

interface TableRow { trial: string; runs: string; outcome: string; target: string; pass: boolean | null }
const table: TableRow[] = [];
const findings: string[] = [];
const temporaryDirs: string[] = [];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)} load ${loadLine()}] ${line}`);

function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755); // as root, PostgreSQL's account must reach the cluster below
  temporaryDirs.push(dir);
  return dir;
}

// ---- HTTP -------------------------------------------------------------------------------------

interface Reply {
  status: number;
  /** The parsed JSON body, when there was one. */
  body?: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  text: string;
  /** A network failure (connection refused or reset: a dead server) or our timeout. */
  failure?: "network" | "timeout";
  ms: number;
}

/** One POST with a deadline; never throws. */
async function post(url: string, body: string, token?: string, timeoutMs = 30_000, contentType = "application/json"): Promise<Reply> {
  const t0 = Date.now();
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Reply["body"];
    try {
      parsed = JSON.parse(text) as Reply["body"];
    } catch {
      parsed = undefined;
    }
    return { status: res.status, body: parsed, text, ms: Date.now() - t0 };
  } catch (err) {
    const name = (err as Error).name;
    return { status: 0, text: String((err as Error).message), failure: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network", ms: Date.now() - t0 };
  }
}

const request = (url: string, query: string, variables: Record<string, unknown>, token?: string, timeoutMs?: number) =>
  post(url, JSON.stringify({ query, variables }), token, timeoutMs);

/** What a reply was, in a word: ok, a GraphQL code, HTTP status, network or timeout. */
function outcomeOf(reply: Reply): string {
  if (reply.failure) return reply.failure;
  const code = reply.body?.errors?.[0]?.extensions?.code;
  if (code) return reply.status === 200 ? code : `${reply.status} ${code}`;
  if (reply.status !== 200) return `HTTP ${reply.status}`;
  return reply.body?.data ? "ok" : "no data";
}

function countBy(items: string[]): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item, (counts.get(item) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(", ");
}

// ---- servers ----------------------------------------------------------------------------------

async function killServer(server: BenchServer): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGKILL");
  await exited;
}

async function withDatabase<T>(server: BenchServer, work: (db: mongoose.mongo.Db) => Promise<T>): Promise<T> {
  const connection = await mongoose.createConnection(`mongodb://127.0.0.1:${server.ferretdbPort}/talent`, { serverSelectionTimeoutMS: 10_000 }).asPromise();
  try {
    return await work(connection.db!);
  } finally {
    await connection.close();
  }
}

/** The built server on `dataDir` with the bench's bureau account; `ferretdbPort` names the database when it is not the server's own. */
async function benchServer(dataDir: string, env: Record<string, string> = {}, ferretdbPort?: number): Promise<{ server: BenchServer; token: string }> {
  const server = await startServer({ dataDir, env: { SEED_DEMO: "false", ...env }, echo: false });
  await ensureBureauAccount({ ...server, ferretdbPort: ferretdbPort ?? server.ferretdbPort }, EMAIL, PASSWORD);
  return { server, token: await login(server.url, EMAIL, PASSWORD) };
}

// ---- data -------------------------------------------------------------------------------------

let schoolCounter = 0;
const aSchool = (majors = ["510201", "530701"]) => ({ name: `故障测试职业学院${++schoolCounter}-${process.pid}`, level: "HIGHER_VOCATIONAL", district: "350503", majors });

/** Student rows with national IDs unique across the whole bench (birth date × sequence from a counter). */
let studentCounter = 0;
function studentRows(count: number, overrides: Record<string, unknown> = {}): Record<string, unknown>[] {
  return Array.from({ length: count }, () => {
    const n = studentCounter++;
    const birth = new Date(Date.UTC(2001, 0, 1) + (n % 2000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
    const first17 = `350582${birth}${String(Math.floor(n / 2000) % 1000).padStart(3, "0")}`;
    return { name: `学生${n}`, nationalId: first17 + nationalIdCheckChar(first17), major: "510201", enrolmentYear: 2024, graduationYear: 2027, homeDistrict: "350582", ...overrides };
  });
}

let enterpriseCounter = 0;
const anEnterprise = (headcount: number) => {
  const n = ++enterpriseCounter;
  return { name: `故障测试鞋业有限公司${n}-${process.pid}`, creditCode: generateCreditCode(createRng(n * 7919 + process.pid), "350582"), district: "350582", industry: "1951", headcount, annualRevenue: 300_000_000 };
};
const aPosting = (enterpriseId: string, capacity: number) => ({
  enterpriseId, kind: "INTERNSHIP", title: "软件开发实习生", description: "故障测试", majors: ["5102"], levels: ["HIGHER_VOCATIONAL"],
  capacity, monthlyPay: 3000, regularWage: 3500, startDate: "2027-03-01", endDate: "2027-08-31",
});

const IMPORT = `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`;

// ---- 1. kill -9 during a bulk import ----------------------------------------------------------

async function importTrials(): Promise<void> {
  log(`import: ${TRIALS} trials of a ${ROWS}-row import killed at a random moment`);
  // A fresh database per trial: an import's duplicate check reads by $in, which FerretDB does not push
  // down, so imports slow down as the table grows (see the findings) and the kill moments calibrated
  // on an empty table would all land early.
  let dataDir = tempDir("fault-import-");
  let { server, token } = await benchServer(dataDir);
  const random = createRng(SEED);
  const retryMs: number[] = [];
  try {
    // One import that is not cut off, to know how long one takes.
    const calibration = (await gql(server.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, token)).createSchool.id as string;
    const t0 = Date.now();
    const whole = await request(server.url, IMPORT, { s: calibration, rows: studentRows(ROWS) }, token, 300_000);
    if (outcomeOf(whole) !== "ok") throw new Error(`the calibration import failed: ${whole.text.slice(0, 500)}`);
    const importMs = Date.now() - t0;
    log(`import: an uncut ${ROWS}-row import takes ${importMs} ms`);

    let partial = 0;
    let duplicates = 0;
    let lost = 0;
    let retriedOk = 0;
    let midWrite = 0;
    let killedBeforeReply = 0;
    const seenAtKill: number[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      await stopServer(server);
      fs.rmSync(dataDir, { recursive: true, force: true });
      dataDir = tempDir("fault-import-");
      ({ server, token } = await benchServer(dataDir));
      const school = (await gql(server.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, token)).createSchool.id as string;
      const rows = studentRows(ROWS);
      const call = request(server.url, IMPORT, { s: school, rows }, token, 300_000);
      // A random moment of the import (up to 10% past its usual end, so some kills come after it).
      await sleep(Math.floor(random.next() * importMs * 1.1));
      const seen = await withDatabase(server, (db) => db.collection("students").countDocuments({ school: new mongoose.Types.ObjectId(school) })).catch(() => -1);
      await killServer(server);
      const reply = await call;
      seenAtKill.push(seen);
      if (seen > 0 && seen < ROWS) midWrite += 1;
      if (reply.failure) killedBeforeReply += 1;

      ({ server, token } = await benchServer(dataDir));
      const { count, distinct, journal } = await withDatabase(server, async (db) => {
        const docs = await db.collection("students").find({ school: new mongoose.Types.ObjectId(school) }, { projection: { nationalIdHash: 1 } }).toArray();
        return { count: docs.length, distinct: new Set(docs.map((d) => String(d.nationalIdHash))).size, journal: await db.collection("write_journal").countDocuments({}) };
      });
      if (count !== 0 && count !== ROWS) partial += 1;
      duplicates += count - distinct;
      const acknowledged = outcomeOf(reply) === "ok";
      if (acknowledged && count !== ROWS) lost += 1;
      // The client retries what it did not see succeed; a whole import that did land is a CONFLICT.
      let final = count;
      let retried = "";
      if (!acknowledged) {
        const retryStart = Date.now();
        const again = await request(server.url, IMPORT, { s: school, rows }, token, 300_000);
        retryMs.push(Date.now() - retryStart);
        retried = ` (retry ${outcomeOf(again)} in ${retryMs.at(-1)} ms)`;
        const what = outcomeOf(again);
        if (what !== "ok" && !(what === "CONFLICT" && count === ROWS)) findings.push(`import trial ${trial + 1}: retry answered ${what}: ${again.text.slice(0, 300)}`);
        final = await withDatabase(server, (db) => db.collection("students").countDocuments({ school: new mongoose.Types.ObjectId(school) }));
      }
      const listed = (await gql(server.url, `query($s: ID!) { students(first: 1, filter: { schoolId: $s }) { totalCount } }`, { s: school }, token)).students.totalCount as number;
      if (final === ROWS && listed === ROWS) retriedOk += 1;
      else findings.push(`import trial ${trial + 1}: after the retry ${final} rows stored, ${listed} listed (expected ${ROWS})`);
      log(`import ${trial + 1}/${TRIALS}: ${seen} rows seen at the kill, reply ${outcomeOf(reply)}; after restart ${count} rows (${count - distinct} duplicates, journal ${journal}); finally ${final} stored, ${listed} listed${retried}`);
    }
    const mid = seenAtKill.filter((n) => n > 0 && n < ROWS);
    table.push({
      trial: `kill -9 of the server at a random moment of a ${ROWS.toLocaleString("en")}-row import`,
      runs: String(TRIALS),
      outcome: `partial imports ${partial}, duplicate rows ${duplicates}, acknowledged then lost ${lost}; retried imports complete ${retriedOk}/${TRIALS}. ` +
        `Kills landed mid-write in ${midWrite} trials (${mid.length ? `${Math.min(...mid)}–${Math.max(...mid)}` : "no"} rows in the table at the kill), before the reply in ${killedBeforeReply}; an uncut import took ${(importMs / 1000).toFixed(1)} s${retryMs.length ? `, the retries ${(Math.min(...retryMs) / 1000).toFixed(1)}–${(Math.max(...retryMs) / 1000).toFixed(1)} s` : ""}`,
      target: "0 partial, 0 duplicate",
      pass: partial === 0 && duplicates === 0 && lost === 0 && retriedOk === TRIALS,
    });
  } finally {
    await stopServer(server);
  }
}

// ---- 2. kill -9 at each step of a commit ------------------------------------------------------

const COMMIT_STEPS = ["commit:locked", "commit:claimed", "commit:flipped"];
const COMMIT = `mutation($id: ID!, $k: String!) { commitAllocationRun(id: $id, idempotencyKey: $k) { status } }`;

async function waitForRun(url: string, token: string, id: string): Promise<{ status: string; placedCount: number }> {
  for (let i = 0; i < 1200; i++) {
    const run = (await gql(url, `query($id: ID!) { allocationRun(id: $id) { status placedCount failureReason } }`, { id }, token)).allocationRun;
    if (run.status === "SOLVED") return run;
    if (run.status === "FAILED") throw new Error(`run ${id} failed: ${run.failureReason}`);
    await sleep(100);
  }
  throw new Error(`run ${id} was not solved within 120 s`);
}

async function commitTrials(): Promise<void> {
  log(`commit: ${TRIALS} trials, kill -9 at ${COMMIT_STEPS.join(" / ")} in turn`);
  const dataDir = tempDir("fault-commit-");
  let { server, token } = await benchServer(dataDir);
  const schools: string[] = [];
  try {
    const enterprise = (await gql(server.url, `mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise(40_000) }, token)).createEnterprise.id as string;
    await gql(server.url, `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting(enterprise, TRIALS * 10 + 10) }, token);
    for (let trial = 0; trial < TRIALS; trial++) {
      const school = (await gql(server.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: aSchool() }, token)).createSchool.id as string;
      await gql(server.url, IMPORT, { s: school, rows: studentRows(10) }, token);
      schools.push(school);
    }
    await stopServer(server);

    let mixed = 0;
    let retried = 0;
    let crashed = 0;
    let otherKeyRefused = 0;
    const states: string[] = [];
    for (let trial = 0; trial < TRIALS; trial++) {
      const step = COMMIT_STEPS[trial % COMMIT_STEPS.length]!;
      ({ server, token } = await benchServer(dataDir, { ALLOCATION_CRASH_AT: step }));
      const run = (await gql(server.url, `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name: `故障 ${trial + 1} ${step}`, scope: { schoolIds: [schools[trial]] } } }, token)).startAllocationRun.id as string;
      const solved = await waitForRun(server.url, token, run);
      const key = `fault-bench-${trial}-${step.replace(":", "-")}`;
      const reply = await request(server.url, COMMIT, { id: run, k: key }, token, 60_000);
      const exited = await Promise.race([new Promise((resolve) => server.child.once("exit", () => resolve(true))), sleep(10_000).then(() => server.child.exitCode !== null || server.child.signalCode !== null)]);
      if (reply.failure && exited) crashed += 1;
      else findings.push(`commit trial ${trial + 1} (${step}): the server did not die at the crash point (reply ${outcomeOf(reply)})`);
      await killServer(server);

      ({ server, token } = await benchServer(dataDir));
      const stored = await withDatabase(server, async (db) => {
        const doc = await db.collection("allocation_runs").findOne({ _id: new mongoose.Types.ObjectId(run) });
        return String(doc?.status);
      });
      const visible = (await gql(server.url, `query($f: PlacementFilter) { placements(first: 1, filter: $f) { totalCount } }`, { f: { runId: run } }, token)).placements.totalCount as number;
      const consistent = (visible === 0 || visible === solved.placedCount) && (visible === solved.placedCount) === (stored === "COMMITTED");
      if (!consistent) {
        mixed += 1;
        findings.push(`commit trial ${trial + 1} (${step}): mixed state: run ${stored}, ${visible} of ${solved.placedCount} offers visible`);
      }
      states.push(`${step}→${stored}`);
      const other = await request(server.url, COMMIT, { id: run, k: "a-different-key-1" }, token);
      if (outcomeOf(other) === "CONFLICT") otherKeyRefused += 1;
      const again = await request(server.url, COMMIT, { id: run, k: key }, token, 60_000);
      const after = (await gql(server.url, `query($f: PlacementFilter) { placements(first: 1, filter: $f) { totalCount } }`, { f: { runId: run } }, token)).placements.totalCount as number;
      if (again.body?.data?.commitAllocationRun?.status === "COMMITTED" && after === solved.placedCount) retried += 1;
      else findings.push(`commit trial ${trial + 1} (${step}): retry answered ${outcomeOf(again)}, ${after} of ${solved.placedCount} offers visible`);
      log(`commit ${trial + 1}/${TRIALS} at ${step}: killed ${reply.failure ? "before the reply" : `after the reply ${outcomeOf(reply)}`}; restart sees ${stored} with ${visible}/${solved.placedCount} offers; other key ${outcomeOf(other)}; retry ${outcomeOf(again)} → ${after} offers`);
      await stopServer(server);
    }
    ({ server, token } = await benchServer(dataDir));
    table.push({
      trial: "kill -9 at each step of a run's commit (locked / claimed / flipped in turn)",
      runs: String(TRIALS),
      outcome: `mixed states ${mixed}; retried commit succeeds ${retried}/${TRIALS}; a different key refused (CONFLICT) ${otherKeyRefused}/${TRIALS}; the server died at the step ${crashed}/${TRIALS}; state after restart: ${countBy(states)}`,
      target: "0 mixed, retry succeeds",
      pass: mixed === 0 && retried === TRIALS && crashed === TRIALS,
    });
  } finally {
    await stopServer(server);
  }
}

// ---- 3. the database killed under load --------------------------------------------------------

interface Sample { t0: number; t1: number; outcome: string; write: boolean }

/** Clients sending reads and writes until `until()` says stop; each request has a 30 s deadline. */
function clientsLoop(url: string, token: string, clients: number, enterprise: string, stop: () => boolean, samples: Sample[]): Promise<void[]> {
  return Promise.all(Array.from({ length: clients }, async (_, c) => {
    for (let i = 0; !stop(); i++) {
      const write = (c + i) % 4 === 0;
      const t0 = Date.now();
      const reply = write
        ? await request(url, `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, { i: aPosting(enterprise, 1) }, token)
        : await request(url, `{ postings(first: 10) { totalCount edges { node { id title } } } }`, {}, token);
      samples.push({ t0, t1: Date.now(), outcome: outcomeOf(reply) === "ok" ? "ok" : `${outcomeOf(reply)}: ${(reply.body?.errors?.[0]?.message ?? reply.text).slice(0, 80)}`, write });
      if (reply.failure === "network") await sleep(200);
    }
  }));
}

async function outage(kind: "FerretDB" | "PostgreSQL", outageSeconds: number): Promise<void> {
  log(`database: kill -9 of ${kind} under load, restarted after ${outageSeconds} s`);
  const dataDir = tempDir("fault-db-");
  const ferretdbPort = await freePort();
  let db: EmbeddedDatabase = await startEmbeddedDatabase({ dataDir, ferretdbPort, log: () => undefined, onUnexpectedExit: () => undefined });
  let ferretdbStop = db.ferretdb.stop;
  let postgresStop = db.postgres.stop;
  const { server, token } = await benchServer(tempDir("fault-db-server-"), { MONGODB_URI: `${db.uri}/talent` }, ferretdbPort);
  const samples: Sample[] = [];
  let stopping = false;
  try {
    const enterprise = (await gql(server.url, `mutation($i: EnterpriseInput!) { createEnterprise(input: $i) { id } }`, { i: anEnterprise(2000) }, token)).createEnterprise.id as string;
    const load = clientsLoop(server.url, token, 16, enterprise, () => stopping, samples);
    await sleep(5000);
    const killedAt = Date.now();
    if (kind === "FerretDB") process.kill(db.ferretdb.pid, "SIGKILL");
    else process.kill(db.postgres.pid, "SIGKILL");
    await sleep(outageSeconds * 1000);
    const restartAt = Date.now();
    if (kind === "FerretDB") {
      const ferretdb = await startEmbeddedFerretdb({ postgresUrl: db.postgresUrl, port: ferretdbPort });
      ferretdbStop = ferretdb.stop;
    } else {
      // The killed postmaster's backends notice its death and exit; until then the start may be refused.
      for (let attempt = 1; ; attempt++) {
        try {
          const postgres = await startEmbeddedPostgres({ clusterDir: path.join(dataDir, "postgres"), port: db.postgres.port, log: () => undefined });
          postgresStop = postgres.stop;
          break;
        } catch (err) {
          if (attempt >= 10) throw err;
          await sleep(1000);
        }
      }
    }
    const backAt = Date.now();
    await sleep(15_000);
    stopping = true;
    await load;
    const during = samples.filter((s) => s.t1 > killedAt && s.t0 < backAt);
    const after = samples.filter((s) => s.t0 >= backAt);
    const firstOk = after.find((s) => s.outcome === "ok");
    const lastFail = after.filter((s) => s.outcome !== "ok").reduce((m, s) => Math.max(m, s.t1), backAt);
    const hung = samples.filter((s) => s.outcome.startsWith("timeout")).length;
    const slowest = during.reduce((m, s) => Math.max(m, s.t1 - s.t0), 0);
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const failures = countBy(during.filter((s) => s.outcome !== "ok").map((s) => s.outcome));
    const retryable = during.filter((s) => s.outcome !== "ok").every((s) => /^(503|SERVICE_UNAVAILABLE|DATABASE_UNAVAILABLE)/.test(s.outcome));
    const lastTen = after.filter((s) => s.t0 >= Date.now() - 10_000);
    const recovered = alive && lastTen.length > 0 && lastTen.every((s) => s.outcome === "ok");
    log(`database (${kind}): during the outage ${during.length} requests: ${failures || "all ok"}; slowest ${slowest} ms; after restart first ok ${firstOk ? firstOk.t1 - backAt : "never"} ms, last failure ${lastFail - backAt} ms`);
    table.push({
      trial: `${kind} killed (kill -9) under 16 clients, restarted on the same port after ${outageSeconds} s (server on MONGODB_URI)`,
      runs: "1",
      outcome: `during the outage ${during.length} requests answered: ${failures || "all ok"}; slowest ${(slowest / 1000).toFixed(1)} s, hung (no answer in 30 s) ${hung}; ` +
        `server ${alive ? "stayed up" : "exited"}; after the restart (${((backAt - restartAt) / 1000).toFixed(1)} s to start) first success after ${firstOk ? `${((firstOk.t1 - backAt) / 1000).toFixed(1)} s` : "—"}, last failure at +${((lastFail - backAt) / 1000).toFixed(1)} s; last 10 s ${lastTen.filter((s) => s.outcome === "ok").length}/${lastTen.length} ok`,
      target: "clear retryable error, no hang, recovers without restart",
      pass: hung === 0 && retryable && recovered,
    });
    if (!retryable) findings.push(`database (${kind} killed for ${outageSeconds} s): clients saw ${failures} instead of a retryable error (503 / a code saying the database is unavailable)`);
    if (!recovered) findings.push(`database (${kind} killed for ${outageSeconds} s): the server did not recover by itself (alive: ${alive}; last 10 s: ${countBy(lastTen.map((s) => s.outcome))})`);
  } finally {
    stopping = true;
    await stopServer(server);
    await ferretdbStop().catch(() => undefined);
    await postgresStop().catch(() => undefined);
    db = undefined as unknown as EmbeddedDatabase;
  }
}

// ---- 4. fuzzed GraphQL ------------------------------------------------------------------------

const HOSTILE_STRINGS = [
  "", " ", "null", "undefined", "NaN", "-0", "1e309", "__proto__", "constructor", "toString",
  "'; DROP TABLE students; --", "\" OR 1=1 --", "{\"$gt\": \"\"}", "$where", "$ne", "{ \"$regex\": \".*\" }", "this.password",
  "../../../../etc/passwd", "<script>alert(1)</script>", "${7*7}", "%s%s%s%n", "\u0000", "a\u0000b", "\uFFFF", "\uD800", "🀄😀👩‍👩‍👧", "泉州".repeat(50),
  "ffffffffffffffffffffffff", "000000000000000000000000", "6b175492156aeb4ab1bbdb9c", "2027-02-30", "9999-12-31", "0000-00-00", "350582200001011234", "91350582MA2XXXXXXX",
  "A".repeat(100_000), "字".repeat(20_000), " ".repeat(5000), "\n".repeat(1000),
];

let idPool: string[] = [];

function stringArb(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
    { weight: 2, arbitrary: fc.constantFrom("510201", "5102", "350582", "350503", "1951", "2024", "2027-03-01", "HIGHER_VOCATIONAL", "数字经济") },
  );
}
const idArb = () => fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...(idPool.length ? idPool : ["000000000000000000000000"])) }, { weight: 2, arbitrary: fc.stringMatching(/^[0-9a-f]{24}$/) }, { weight: 2, arbitrary: stringArb() });
/** 32-bit integers (GraphQL's Int): small, boundary and huge ones. */
const intArb = () => fc.oneof(fc.integer({ min: -5, max: 3000 }), fc.integer(), fc.constantFrom(0, -1, 1, 1990, 2024, 2027, 2100, 100, 101, 10_000, 10_001, 2147483647, -2147483648));
/** Numbers GraphQL's Int refuses (for the wrong-type requests). */
const outOfRangeArb = () => fc.constantFrom(2147483648, -2147483649, 1e15, Number.MAX_SAFE_INTEGER, 0.5);
const floatArb = () => fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 0.5, 1, 1e308, -1e308, 5e-324, 0.03, 3000, 1e9, 1e10));
/** A value of no particular type: what a confused or hostile client sends instead. */
const wrongArb = () => fc.oneof(fc.constant(null), fc.boolean(), intArb(), outOfRangeArb(), stringArb(), fc.constant([]), fc.constant({}), fc.constant({ $gt: "" }), fc.array(fc.constant("x"), { maxLength: 3 }));

/**
 * A value for an argument of `type`: of that type with hostile contents, or (`wrong`: the
 * operation is one of the wrong-type ones) now and then a value of another type or a null.
 */
function valueArb(type: GraphQLInputType, depth: number, wrong: boolean): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return wrong ? fc.oneof({ weight: 9, arbitrary: valueArb(type.ofType, depth, wrong) }, { weight: 1, arbitrary: fc.constant(null) }) : valueArb(type.ofType, depth, wrong);
  if (isListType(type)) {
    if (depth > 3) return fc.constant([]);
    return fc.oneof({ weight: 6, arbitrary: fc.array(valueArb(type.ofType, depth + 1, wrong), { maxLength: 4 }) }, { weight: 1, arbitrary: valueArb(type.ofType, depth + 1, wrong) });
  }
  let proper: fc.Arbitrary<unknown>;
  if (isEnumType(type)) proper = fc.constantFrom(...type.getValues().map((v) => v.name));
  else if (isInputObjectType(type)) {
    if (depth > 3) return fc.constant({});
    const fields = Object.values(type.getFields());
    const shape: Record<string, fc.Arbitrary<unknown>> = {};
    for (const field of fields) shape[field.name] = valueArb(field.type, depth + 1, wrong);
    const required = fields.filter((f) => isNonNullType(f.type) && f.defaultValue === undefined).map((f) => f.name);
    proper = wrong
      ? fc.oneof(fc.record(shape, { requiredKeys: required }), fc.record(shape, { requiredKeys: [] }).map((r) => ({ ...r, unknownField: "x" })))
      : fc.record(shape, { requiredKeys: required });
  } else if (isScalarType(type)) {
    switch (type.name) {
      case "Int": proper = intArb(); break;
      case "Float": proper = floatArb(); break;
      case "Boolean": proper = fc.boolean(); break;
      case "ID": proper = idArb(); break;
      default: proper = stringArb();
    }
  } else {
    proper = stringArb();
  }
  return wrong ? fc.oneof({ weight: 6, arbitrary: proper }, { weight: 1, arbitrary: wrongArb() }) : proper;
}

/** A selection set for a type: its scalar fields (some), and one level of object fields without required arguments. */
function selectionArb(type: GraphQLOutputType, depth: number): fc.Arbitrary<string> {
  const named = getNamedType(type);
  if (isLeafType(named)) return fc.constant("");
  if (!isObjectType(named)) return fc.constant("{ __typename }");
  const fields = Object.values(named.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined));
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type))).map((f) => f.name);
  const objects = depth < 3 ? fields.filter((f) => !isLeafType(getNamedType(f.type))) : [];
  const nested = objects.length ? fc.subarray(objects, { maxLength: Math.min(2, objects.length) }).chain((chosen) => fc.tuple(...chosen.map((f) => selectionArb(f.type, depth + 1).map((s) => `${f.name} ${s}`)))) : fc.constant([] as string[]);
  return fc.tuple(leaves.length ? fc.subarray(leaves, { minLength: 1, maxLength: Math.min(6, leaves.length) }) : fc.constant([] as string[]), nested)
    .map(([scalars, objs]) => `{ __typename ${scalars.join(" ")} ${objs.join(" ")} }`);
}

interface FuzzOperation { kind: "graphql"; query: string; variables: Record<string, unknown>; token: number }
interface RawRequest { kind: "raw"; body: string; contentType: string; token: number }

function operationArb(schema: GraphQLSchema): fc.Arbitrary<FuzzOperation> {
  const roots: [string, GraphQLObjectType][] = [["query", schema.getQueryType()!], ["mutation", schema.getMutationType()!]];
  const fields: [string, GraphQLField<unknown, unknown>][] = roots.flatMap(([op, root]) => Object.values(root.getFields()).map((f) => [op, f] as [string, GraphQLField<unknown, unknown>]));
  // One operation in four sends wrong types; the others are well-typed, so they reach the services.
  return fc.tuple(fc.constantFrom(...fields), fc.integer({ min: 0, max: 3 })).chain(([[op, field], mode]) => {
    const args = field.args.map((arg) => fc.tuple(
      fc.constant(arg),
      isNonNullType(arg.type) && arg.defaultValue === undefined ? fc.constant(true) : fc.boolean(),
      valueArb(arg.type, 0, mode === 0),
    ));
    return fc.tuple(fc.tuple(...args), selectionArb(field.type, 1), fc.integer({ min: 0, max: 4 })).map(([values, selection, token]) => {
      const used = values.filter(([, include]) => include);
      const declarations = used.map(([arg]) => `$${arg.name}: ${String(arg.type)}`).join(", ");
      const passed = used.map(([arg]) => `${arg.name}: $${arg.name}`).join(", ");
      const query = `${op}${declarations ? `(${declarations})` : ""} { ${field.name}${passed ? `(${passed})` : ""} ${selection} }`;
      return { kind: "graphql" as const, query, variables: Object.fromEntries(used.map(([arg, , value]) => [arg.name, value])), token };
    });
  });
}

/** Requests that are not well-formed GraphQL over JSON at all. */
const RAW_BODIES: { body: string; contentType: string }[] = [
  { body: "{", contentType: "application/json" },
  { body: "null", contentType: "application/json" },
  { body: "[]", contentType: "application/json" },
  { body: JSON.stringify({ query: 123 }), contentType: "application/json" },
  { body: JSON.stringify({ query: "{ me { id } }", variables: "not an object" }), contentType: "application/json" },
  { body: JSON.stringify([{ query: "{ me { id } }" }, { query: "{ clusters { name } }" }]), contentType: "application/json" },
  { body: JSON.stringify({ query: "{ clusters { name } }" }), contentType: "text/plain" },
  { body: JSON.stringify({ query: `{ ${"postings(first: 1) { edges { node { enterprise { postings { ".repeat(20)} id ${"} } } } } }".repeat(20)} }` }), contentType: "application/json" },
  { body: JSON.stringify({ query: `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: clusters { name }`).join(" ")} }` }), contentType: "application/json" },
  { body: JSON.stringify({ query: "{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }" }), contentType: "application/json" },
  { body: JSON.stringify({ query: "query { me { id } } mutation { login(email: \"a\", password: \"b\") { token } }" }), contentType: "application/json" },
  { body: JSON.stringify({ query: "{ me { id } }", operationName: "Nope" }), contentType: "application/json" },
  { body: JSON.stringify({ query: "x".repeat(2_000_000) }), contentType: "application/json" },
  { body: JSON.stringify({ query: "{ clusters { name } }", extensions: { persistedQuery: { version: 1, sha256Hash: "ab" } } }), contentType: "application/json" },
];

async function fuzz(): Promise<void> {
  log(`fuzz: ${FUZZ} schema-aware requests (seed ${SEED})`);
  const dataDir = tempDir("fault-fuzz-");
  let server = await startServer({ dataDir, env: { SEED_DEMO: "true" }, echo: false });
  const tokens: (string | undefined)[] = [];
  const loginAll = async () => {
    tokens.length = 0;
    tokens.push(undefined);
    for (const email of ["bureau@demo.local", "bureau@demo.local", "school@demo.local", "enterprise@demo.local"]) tokens.push(await login(server.url, email, DEMO_PASSWORD));
  };
  try {
    await loginAll();
    const ids = await gql(server.url, `{ schools(first: 5) { edges { node { id } } } enterprises(first: 5) { edges { node { id } } } postings(first: 5) { edges { node { id } } } students(first: 5) { edges { node { id } } } applications(first: 5) { edges { node { id } } } }`, {}, tokens[1]);
    idPool = Object.values(ids as Record<string, { edges: { node: { id: string } }[] }>).flatMap((c) => c.edges.map((e) => e.node.id));
    const introspection = (await gql(server.url, getIntrospectionQuery(), {}, tokens[1])) as IntrospectionQuery;
    const schema = buildClientSchema(introspection);
    const requestArb: fc.Arbitrary<FuzzOperation | RawRequest> = fc.oneof(
      { weight: 19, arbitrary: operationArb(schema) },
      { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...RAW_BODIES), fc.integer({ min: 0, max: 4 })).map(([raw, token]) => ({ kind: "raw" as const, ...raw, token })) },
    );
    const requests = fc.sample(requestArb, { numRuns: FUZZ, seed: SEED });
    for (const op of requests.slice(0, 3)) log(`fuzz: e.g. ${op.kind === "raw" ? op.body.slice(0, 200) : `${op.query.slice(0, 200)} ${JSON.stringify(op.variables).slice(0, 200)}`}`);
    let failures = 0;
    let crashes = 0;
    let hangs = 0;
    const outcomes: string[] = [];
    const bad: string[] = [];
    let next = 0;
    const t0 = Date.now();
    await Promise.all(Array.from({ length: 4 }, async () => {
      while (next < requests.length) {
        const op = requests[next++]!;
        const body = op.kind === "raw" ? op.body : JSON.stringify({ query: op.query, variables: op.variables });
        const reply = await post(server.url, body, tokens[op.token], 60_000, op.kind === "raw" ? op.contentType : "application/json");
        const what = outcomeOf(reply);
        outcomes.push(what.replace(/^\d+ /, ""));
        const internal = reply.body?.errors?.some((e) => e.extensions?.code === "INTERNAL_SERVER_ERROR") ?? false;
        if (reply.failure === "timeout") hangs += 1;
        if (reply.status >= 500 || internal || reply.failure) {
          failures += 1;
          const shown = op.kind === "raw" ? `raw ${op.contentType} ${op.body.slice(0, 200)}` : `${op.query.slice(0, 400)} variables ${JSON.stringify(op.variables).slice(0, 600)}`;
          bad.push(`[${reply.status} ${what}] ${shown} → ${reply.text.slice(0, 300)}`);
        }
        if (server.child.exitCode !== null || server.child.signalCode !== null) {
          crashes += 1;
          bad.push(`server exited (${server.child.exitCode ?? server.child.signalCode}) after: ${body.slice(0, 400)}`);
          server = await startServer({ dataDir, env: { SEED_DEMO: "true" }, echo: false });
          await loginAll();
        }
      }
    }));
    log(`fuzz: ${FUZZ} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s: ${countBy(outcomes)}`);
    for (const line of bad.slice(0, 30)) log(`fuzz failure: ${line}`);
    findings.push(...bad.slice(0, 30).map((line) => `fuzz: ${line}`));
    table.push({
      trial: `schema-aware fuzzed GraphQL requests (every root field; hostile strings, numbers, unicode, injection, wrong types; 5% malformed bodies; seed ${SEED})`,
      runs: String(FUZZ),
      outcome: `5xx or INTERNAL_SERVER_ERROR ${failures}, hangs ${hangs}, crashes ${crashes}; answers: ${countBy(outcomes)}`,
      target: "0 5xx, 0 INTERNAL_SERVER_ERROR, 0 crashes",
      pass: failures === 0 && crashes === 0 && hangs === 0,
    });
  } finally {
    await stopServer(server);
  }
}

// ---- 5. soak ----------------------------------------------------------------------------------

function rssMb(pid: number | null | undefined): number {
  if (!pid) return 0;
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024);
  } catch {
    return 0;
  }
}

async function soak(): Promise<void> {
  log(`soak: ${SOAK_CLIENTS} clients for ${SOAK_SECONDS} s of mixed reads and writes (after a ${WARM_UP_SECONDS} s warm-up)`);
  const dataDir = tempDir("fault-soak-");
  const server = await startServer({ dataDir, env: { SEED_DEMO: "true" }, echo: false });
  try {
    const token = await login(server.url, "bureau@demo.local", DEMO_PASSWORD);
    const ids = await gql(server.url, `{ schools(first: 3) { edges { node { id } } } enterprises(first: 3) { edges { node { id } } } postings(first: 3) { edges { node { id } } } }`, {}, token);
    const [school, enterprise, posting] = ["schools", "enterprises", "postings"].map((k) => ids[k].edges[0].node.id as string);
    const reads = [
      { query: `{ postings(first: 20) { totalCount edges { node { id title capacity enterprise { name } } } } }` },
      { query: `query($s: ID!) { students(first: 20, filter: { schoolId: $s }) { totalCount edges { node { id name major } } } }`, variables: { s: school } },
      { query: `query($id: ID!) { school(id: $id) { id name level } }`, variables: { id: school } },
      { query: `query($id: ID!) { posting(id: $id) { id title capacity } }`, variables: { id: posting } },
      { query: `{ enterprises(first: 20) { edges { node { id name headcount } } } }` },
      { query: `{ me { id email role } }` },
    ];
    let writes = 0;
    const bodyFor = (): string => {
      const roll = Math.random();
      if (roll < 0.1) {
        writes += 1;
        return JSON.stringify({ query: `mutation($s: ID!, $i: StudentInput!) { createStudent(schoolId: $s, input: $i) { id } }`, variables: { s: school, i: studentRows(1, { major: "080704" })[0] } });
      }
      if (roll < 0.2) {
        writes += 1;
        return JSON.stringify({ query: `mutation($i: PostingInput!) { createPosting(input: $i) { id } }`, variables: { i: { ...aPosting(enterprise!, 1), majors: ["0807"], levels: ["UNDERGRADUATE", "HIGHER_VOCATIONAL"] } } });
      }
      return JSON.stringify(reads[Math.floor(Math.random() * reads.length)]);
    };
    let fiveHundreds = 0;
    let internal = 0;
    let otherErrors = 0;
    const errorSamples: string[] = [];
    const run = (seconds: number, count: boolean) => new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({
        url: server.url,
        connections: SOAK_CLIENTS,
        duration: seconds,
        timeout: 30,
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        requests: [{
          method: "POST",
          setupRequest: (req) => ({ ...req, body: bodyFor() }),
          onResponse: (status: number, body: string) => {
            if (!count) return;
            if (status >= 500) fiveHundreds += 1;
            if (body.includes("INTERNAL_SERVER_ERROR")) internal += 1;
            else if (body.includes("\"errors\"")) {
              otherErrors += 1;
              if (errorSamples.length < 5) errorSamples.push(body.slice(0, 200));
            }
          },
        }],
      }, (err, result) => (err ? reject(err) : resolve(result)));
      void instance;
    });
    await run(WARM_UP_SECONDS, false);
    const rssBefore = rssMb(server.child.pid);
    const ferretBefore = rssMb(server.ferretdbPid);
    const rssSamples: number[] = [];
    const sampler = setInterval(() => rssSamples.push(rssMb(server.child.pid)), 5000);
    writes = 0;
    const result = await run(SOAK_SECONDS, true);
    clearInterval(sampler);
    const rssAfter = rssMb(server.child.pid);
    const ferretAfter = rssMb(server.ferretdbPid);
    const growth = rssBefore ? (rssAfter - rssBefore) / rssBefore : 0;
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    log(`soak: ${result.requests.total} requests (${writes} writes), ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts; p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; RSS ${rssBefore} → ${rssAfter} MB (samples ${rssSamples.join(" ")})`);
    for (const sample of errorSamples) log(`soak: GraphQL error sample: ${sample}`);
    table.push({
      trial: `soak: ${SOAK_CLIENTS} clients for ${SOAK_SECONDS} s, 80% reads (6 queries) / 20% writes (createStudent, createPosting), demo city, after a ${WARM_UP_SECONDS} s warm-up at the same load`,
      runs: `${result.requests.total.toLocaleString("en")} requests`,
      outcome: `5xx ${fiveHundreds}, INTERNAL_SERVER_ERROR ${internal}, other GraphQL errors ${otherErrors}, non-2xx ${result.non2xx}, socket errors ${result.errors}, timeouts (30 s) ${result.timeouts}; ` +
        `${result.requests.average.toFixed(0)} req/s, latency p50 ${result.latency.p50} ms / p99 ${result.latency.p99} ms; ${writes.toLocaleString("en")} writes; ` +
        `server RSS ${rssBefore} → ${rssAfter} MB (${growth >= 0 ? "+" : ""}${(growth * 100).toFixed(1)}%, peak ${Math.max(rssAfter, ...rssSamples)} MB), FerretDB ${ferretBefore} → ${ferretAfter} MB; server ${alive ? "up" : "exited"}`,
      target: "0 5xx, memory growth < 20%",
      pass: fiveHundreds === 0 && internal === 0 && growth < 0.2 && alive,
    });
  } finally {
    await stopServer(server);
  }
}

// ---- main -------------------------------------------------------------------------------------

function printTable(): string {
  const lines = [
    "| trial | runs | outcome | target | |",
    "|---|---|---|---|---|",
    ...table.map((r) => `| ${r.trial} | ${r.runs} | ${r.outcome.replace(/\|/g, "\\|")} | ${r.target} | ${r.pass === null ? "—" : r.pass ? "pass" : "**FAIL**"} |`),
  ];
  return lines.join("\n");
}

async function main(): Promise<void> {
  console.log(machineLine());
  const t0 = Date.now();
  const trials: [string, () => Promise<void>][] = [["import", importTrials], ["commit", commitTrials], ["database", async () => {
    await outage("FerretDB", OUTAGE_SECONDS);
    await outage("FerretDB", OUTAGE_SECONDS * 3);
    await outage("PostgreSQL", OUTAGE_SECONDS);
  }], ["fuzz", fuzz], ["soak", soak]];
  for (const [name, trial] of trials) {
    if (!ONLY.includes(name)) continue;
    try {
      await trial();
    } catch (err) {
      log(`${name}: the trial itself failed: ${(err as Error).stack ?? String(err)}`);
      table.push({ trial: name, runs: "—", outcome: `the trial did not complete: ${(err as Error).message.slice(0, 300)}`, target: "—", pass: false });
    }
  }
  console.log(`\n${printTable()}\n`);
  if (findings.length) console.log(`findings:\n${findings.map((f) => `- ${f}`).join("\n")}\n`);
  console.log(`${machineLine()}; ${((Date.now() - t0) / 60_000).toFixed(1)} min`);
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const dir of temporaryDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
