/**
 * What the API benchmarks and the city seed share: the real server (dist/server/main.js) in a
 * child process on an embedded database under a data directory, and a small GraphQL client.
 * The benchmark process only sends HTTP requests, except to create its first bureau account
 * (there is no API for the first account), which it writes into FerretDB directly.
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

export interface BenchServer {
  child: ChildProcess;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
  /** FerretDB's process (for its peak RSS) and its port on loopback. */
  ferretdbPid: number;
  ferretdbPort: number;
  /** PostgreSQL's postmaster, when found among the server's children. */
  postgresPid: number | null;
  dataDir: string;
  /** True when the data directory was made here (a temp one) and stop() may delete it. */
  temporary: boolean;
}

export interface StartOptions {
  /** Environment of the server (SEED_DEMO, ...) on top of the benchmark's defaults. */
  env?: Record<string, string>;
  /** The data directory to use; a fresh temp one (prefix `tempPrefix`) when absent. */
  dataDir?: string;
  tempPrefix?: string;
  /** Echo the server's stdout after start-up, prefixed `[server]` (default true). */
  echo?: boolean;
}

function childPids(pid: number): number[] {
  try {
    return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

function cmdline(pid: number): string {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    return "";
  }
}

/**
 * Starts the built server on `dataDir` (or a fresh temp directory) and resolves once it prints its
 * GraphQL URL. BENCH_SERVER_NODE_ARGS adds node flags to the server, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof" (the profile is written when the server stops).
 */
export async function startServer(options: StartOptions = {}): Promise<BenchServer> {
  const temporary = !options.dataDir;
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : fs.mkdtempSync(path.join(os.tmpdir(), options.tempPrefix ?? "bench-"));
  if (temporary) fs.chmodSync(dataDir, 0o755); // as root, PostgreSQL's account must reach its cluster below
  const ferretdbPort = await freePort();
  const extra = (process.env.BENCH_SERVER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, ["--max-old-space-size=3072", ...extra, path.join(repoRoot(), "dist/server/main.js")], {
    env: { ...process.env, NODE_ENV: "development", PORT: "0", DATA_DIR: dataDir, FERRETDB_PORT: String(ferretdbPort), LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  const onExit = (code: number | null) => new Error(`server exited ${code}: ${out}`);
  const url = await new Promise<string>((resolve, reject) => {
    const listen = (d: Buffer) => {
      out += d.toString();
      const m = /GraphQL: (http:\/\/\S+)/.exec(out);
      if (m) {
        child.stdout!.off("data", listen);
        child.off("exit", failed);
        resolve(m[1]!.replace("localhost", "127.0.0.1"));
      }
    };
    const failed = (code: number | null) => reject(onExit(code));
    child.stdout!.on("data", listen);
    child.once("exit", failed);
  });
  if (options.echo !== false) child.stdout!.on("data", (d: Buffer) => process.stdout.write(`[server] ${d.toString()}`));
  else child.stdout!.resume();
  child.once("exit", (code, signal) => {
    if (code !== 0 && signal !== "SIGTERM") console.log(`[server] exited ${code ?? signal}`);
  });
  const children = childPids(child.pid!);
  const ferretdbPid = children.find((pid) => cmdline(pid).includes("ferretdb")) ?? 0;
  const postgresPid = children.find((pid) => /postgres/.test(cmdline(pid)) && !cmdline(pid).includes("ferretdb")) ?? null;
  return { child, url, ferretdbPid, ferretdbPort, postgresPid, dataDir, temporary };
}

/** Stops the server (SIGTERM: it stops FerretDB and PostgreSQL) and deletes a temp data directory unless `keepData`. */
export async function stopServer(server: BenchServer, keepData = false): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) {
    const exited = new Promise((resolve) => server.child.once("exit", resolve));
    server.child.kill("SIGTERM");
    await exited;
  }
  if (server.temporary && !keepData) fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/** Peak resident memory of a process (VmHWM), in MB; 0 when it is gone. */
export function peakRssMb(pid: number | null): number {
  if (!pid) return 0;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)![1]) / 1024);
  } catch {
    return 0;
  }
}

/** One GraphQL request; throws on a network failure (after `attempts` tries) or on errors in the body. */
export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string, attempts = 3): Promise<any> {
  let res: Response;
  try {
    res = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query, variables }) });
  } catch (err) {
    if (attempts <= 1) throw err;
    return gql(url, query, variables, token, attempts - 1);
  }
  const text = await res.text();
  let body: { data?: unknown; errors?: unknown[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`HTTP ${res.status}: ${text.slice(0, 500)}`);
  }
  if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 2000));
  return body.data;
}

export async function login(url: string, email: string, password: string): Promise<string> {
  return (await gql(url, `mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: password })).login.token as string;
}

/**
 * Makes sure a bureau account exists (there is no API for the first account): written into the
 * server's FerretDB directly, as the demo loader would, unless one with this email exists.
 */
export async function ensureBureauAccount(server: BenchServer, email: string, password: string, database = "talent"): Promise<void> {
  const connection = await mongoose.createConnection(`mongodb://127.0.0.1:${server.ferretdbPort}/${database}`).asPromise();
  try {
    const users = connection.model(UserModel.modelName, UserModel.schema);
    if (await users.exists({ email })) return;
    await users.create({ email, role: Role.BUREAU, passwordHash: await hashPassword(password) });
  } finally {
    await connection.close();
  }
}

export interface SolvedRun {
  id: string;
  millis: number;
  status: string;
  failureReason: string | null;
  objective: number | null;
  placedCount: number;
  unplacedCount: number;
  totalShortfall: number;
  sizes: { students: number; postings: number; enterprises: number; edges: number } | null;
  timings: { loadMillis: number; solveMillis: number; writeMillis: number };
}

/** Starts an allocation run and polls it until SOLVED or FAILED. */
export async function solve(url: string, token: string, name: string, input: Record<string, unknown> = {}): Promise<SolvedRun> {
  const t0 = Date.now();
  const run = (await gql(url, `mutation($i: StartAllocationRunInput!) { startAllocationRun(input: $i) { id } }`, { i: { name, ...input } }, token)).startAllocationRun;
  for (;;) {
    const r = (await gql(url, `query($id: ID!) { allocationRun(id: $id) { status failureReason objective placedCount unplacedCount totalShortfall sizes { students postings enterprises edges } timings { loadMillis solveMillis writeMillis } } }`, { id: run.id }, token)).allocationRun;
    if (r.status === "SOLVED" || r.status === "FAILED") return { id: run.id as string, millis: Date.now() - t0, ...r };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the calls with at most `width` in flight (several schools or enterprises uploading at once). */
export async function inParallel(calls: (() => Promise<unknown>)[], width: number): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.max(1, width) }, async () => {
    while (next < calls.length) await calls[next++]!();
  }));
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The machine line every benchmark prints: cores, CPU, node, load averages. */
export function machineLine(): string {
  return `machine: ${os.cpus().length} cores, ${os.cpus()[0]?.model}, node ${process.version}, load ${loadLine()}`;
}

export const loadLine = (): string => os.loadavg().map((l) => l.toFixed(2)).join(" ");
