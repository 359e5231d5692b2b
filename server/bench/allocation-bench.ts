/**
 * Allocation runs, end to end through the API (`npm run bench:allocation`):
 * 1. the demo city: startAllocationRun -> SOLVED, median of 3 runs;
 * 2. a synthetic city (100,000 students by default) loaded through the import
 *    mutations, then solved and committed; wall time of each phase and the
 *    peak memory (VmHWM) of the server process and of its FerretDB.
 * The server is the real one (dist/server/main.js) in a child process, on a
 * fresh embedded FerretDB; this process only sends HTTP requests.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import mongoose from "mongoose";
import { freePort, repoRoot } from "../embedded";
import { UserModel } from "../../schema/user.model";
import { Role } from "../../schema/enums";
import { hashPassword } from "../security/passwords";
import { buildSyntheticCity } from "../../seeds/synthetic-city";

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STUDENTS = option("students", 100_000);
const SKIP_DEMO = args.includes("--skip-demo");
/** Imports in flight at once (--uploads N): schools and enterprises load their own data side by side. */
const UPLOADS = option("uploads", 2);

interface Server { child: ChildProcess; url: string; ferretdbPid: number; dataDir: string }

/** Stops the server (it stops its FerretDB) and deletes the benchmark's database (--keep-data keeps it). */
async function stopServer(server: Server): Promise<void> {
  const exited = new Promise((resolve) => server.child.once("exit", resolve));
  server.child.kill("SIGTERM");
  await exited;
  if (args.includes("--keep-data")) console.log(`  data kept in ${server.dataDir}`);
  else fs.rmSync(server.dataDir, { recursive: true, force: true });
}

async function startServer(env: Record<string, string>): Promise<Server> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "alloc-bench-"));
  const ferretdbPort = await freePort();
  // BENCH_SERVER_NODE_ARGS: extra node flags for the server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, ["--max-old-space-size=3072", ...extra, path.join(repoRoot(), "dist/server/main.js")], {
    env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: dataDir, FERRETDB_PORT: String(ferretdbPort), LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL: (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!.replace("localhost", "127.0.0.1"));
    });
    child.once("exit", (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  child.stdout!.on("data", (d: Buffer) => process.stdout.write(`[server] ${d.toString()}`));
  child.once("exit", (code, signal) => { if (code !== 0 && signal !== "SIGTERM") console.log(`[server] exited ${code ?? signal}`); });
  const ferretdbPid = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim().split(/\s+/)[0]);
  return { child, url, ferretdbPid, dataDir };
}

function peakRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
}

async function gql(url: string, query: string, variables: Record<string, unknown>, token?: string, attempts = 3): Promise<any> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  } catch (err) {
    if (attempts <= 1) throw err;
    return gql(url, query, variables, token, attempts - 1);
  }
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 2000));
  return body.data;
}

async function login(url: string, email: string, password: string): Promise<string> {
  return (await gql(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password })).login.token;
}

async function solve(url: string, token: string, name: string) {
  const t0 = Date.now();
  const run = (await gql(url, `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name } }, token)).startAllocationRun;
  for (;;) {
    const r = (await gql(url, `query($id: ID!) { allocationRun(id: $id) { status failureReason objective placedCount unplacedCount totalShortfall sizes { students postings enterprises edges } timings { loadMillis solveMillis writeMillis } } }`, { id: run.id }, token)).allocationRun;
    if (r.status === "SOLVED" || r.status === "FAILED") return { id: run.id as string, millis: Date.now() - t0, ...r };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Runs the calls with at most `width` in flight (several schools or enterprises uploading at once). */
async function inParallel(calls: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < calls.length) await calls[next++]!();
  }));
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function demoCity() {
  const server = await startServer({ SEED_DEMO: "true" });
  try {
    const token = await login(server.url, "bureau@demo.local", "demo-password");
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push(await solve(server.url, token, `demo ${i + 1}`));
    const r = runs[0]!;
    console.log(`demo city: ${r.sizes.students} students, ${r.sizes.postings} postings, ${r.sizes.edges} edges, objective ${r.objective}, placed ${r.placedCount}`);
    console.log(`  start -> SOLVED: ${runs.map((x) => x.millis).join(", ")} ms; median ${median(runs.map((x) => x.millis))} ms (load ${r.timings.loadMillis}, solve ${r.timings.solveMillis}, write ${r.timings.writeMillis})`);
  } finally {
    await stopServer(server);
  }
}

async function syntheticCity() {
  const city = buildSyntheticCity({ students: STUDENTS, postings: STUDENTS / 5, enterprises: STUDENTS / 50, schools: 50 });
  const server = await startServer({ SEED_DEMO: "false" });
  try {
    const ferretdbUri = fs.readFileSync(`/proc/${server.ferretdbPid}/cmdline`, "utf8").split("\0");
    const listen = ferretdbUri[ferretdbUri.indexOf("-listen") + 1];
    await mongoose.connect(`mongodb://${listen}/talent`);
    await UserModel.create({ email: "bench@bench.local", role: Role.BUREAU, passwordHash: await hashPassword("bench-password-1") });
    await mongoose.disconnect();
    const token = await login(server.url, "bench@bench.local", "bench-password-1");
    const phases: Record<string, number> = {};
    const time = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      const result = await work();
      phases[phase] = Date.now() - t;
      return result;
    };
    const t0 = Date.now();
    const enterpriseIds: string[] = (await time("enterprises", () => gql(server.url, `mutation($rows: [EnterpriseInput!]!) { importEnterprises(rows: $rows) { imported ids } }`, { rows: city.enterprises }, token))).importEnterprises.ids;
    const schoolIds = await time("schools", async () => {
      const ids: string[] = [];
      for (const s of city.schools) ids.push((await gql(server.url, `mutation($i: SchoolInput!) { createSchool(input: $i) { id } }`, { i: s }, token)).createSchool.id);
      return ids;
    });
    await time("postings", async () => {
      const rows = city.postings.map(({ enterpriseIndex, ...p }) => ({ ...p, enterpriseId: enterpriseIds[enterpriseIndex] }));
      const calls = [];
      for (let i = 0; i < rows.length; i += 2500) calls.push(() => gql(server.url, `mutation($rows: [PostingInput!]!) { importPostings(rows: $rows) { imported } }`, { rows: rows.slice(i, i + 2500) }, token));
      await inParallel(calls, UPLOADS);
    });
    await time("students", async () => {
      const bySchool = new Map<number, unknown[]>();
      for (const s of city.students) bySchool.set(s.schoolIndex, [...(bySchool.get(s.schoolIndex) ?? []), s.row]);
      const calls = [];
      for (const [index, rows] of bySchool) {
        for (let i = 0; i < rows.length; i += 4000) {
          calls.push(() => gql(server.url, `mutation($s: ID!, $rows: [StudentInput!]!) { importStudents(schoolId: $s, rows: $rows) { imported } }`, { s: schoolIds[index], rows: rows.slice(i, i + 4000) }, token));
        }
      }
      await inParallel(calls, UPLOADS);
    });
    const loaded = Date.now() - t0;
    const run = await time("solve", () => solve(server.url, token, "synthetic"));
    await time("commit", () => gql(server.url, `mutation($id: ID!) { commitAllocationRun(id: $id, idempotencyKey: "bench-commit-1") { status } }`, { id: run.id }, token));
    const total = Date.now() - t0;
    // Outside the total: what users wait for when they list at this scale (first page of 100).
    const lists: Record<string, number> = {};
    const listed = async (name: string, query: string, variables: Record<string, unknown>) => {
      const t = Date.now();
      await gql(server.url, query, variables, token);
      lists[name] = Date.now() - t;
    };
    await listed("a school's students", `query($s: ID!) { students(first: 100, filter: { schoolId: $s }) { totalCount edges { node { id name } } } }`, { s: schoolIds[0] });
    await listed("open internship postings", `{ postings(first: 100, filter: { kind: INTERNSHIP, status: OPEN }) { totalCount edges { node { id title } } } }`, {});
    await listed("an enterprise's offers", `query($e: ID!) { placements(first: 100, filter: { enterpriseId: $e }) { totalCount edges { node { id status } } } }`, { e: enterpriseIds[0] });
    await listed("a school's offers", `query($s: ID!) { placements(first: 100, filter: { schoolId: $s }) { totalCount edges { node { id status } } } }`, { s: schoolIds[0] });
    // Outside the total: a follow-up run on top of the committed one (its 45k held places read back).
    const followUp = await solve(server.url, token, "synthetic follow-up");
    console.log(`synthetic city: ${city.students.length} students, ${city.postings.length} postings, ${city.enterprises.length} enterprises, 50 schools`);
    console.log(`  run: ${run.status} ${run.failureReason ?? ""} edges ${run.sizes?.edges}, objective ${run.objective}, placed ${run.placedCount}, unplaced ${run.unplacedCount}, shortfall ${run.totalShortfall}`);
    console.log(`  run timings: load ${run.timings.loadMillis} ms, solve ${run.timings.solveMillis} ms, write ${run.timings.writeMillis} ms`);
    console.log(`  imports in flight at once: ${UPLOADS}`);
    console.log(`  phases (ms): ${Object.entries(phases).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`  load ${loaded} ms; load + solve + commit ${total} ms`);
    console.log(`  list, first page of 100 (ms): ${Object.entries(lists).map(([k, v]) => `${k} ${v}`).join(", ")}`);
    console.log(`  follow-up run (on top of the committed one): ${followUp.status}, ${followUp.sizes?.students} students, ${followUp.sizes?.postings} postings, start -> SOLVED ${followUp.millis} ms (load ${followUp.timings.loadMillis}, solve ${followUp.timings.solveMillis}, write ${followUp.timings.writeMillis})`);
    console.log(`  peak RSS: server ${peakRssMb(server.child.pid!)} MB, FerretDB ${peakRssMb(server.ferretdbPid)} MB`);
  } finally {
    await stopServer(server);
  }
}

(async () => {
  console.log(`machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (!SKIP_DEMO) await demoCity();
  await syntheticCity();
})().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
