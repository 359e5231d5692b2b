import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freePort } from "./ports";
import { waitForExit } from "./process";

/** The repository root (the folder holding package.json), from source or from dist/. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "ferretdb"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find the repository root from " + __dirname);
    dir = parent;
  }
  return dir;
}

export function ferretdbBinary(): string {
  return path.join(repoRoot(), "ferretdb", "bin", "ferretdb");
}

/**
 * Builds the FerretDB binary if it is missing or older than its sources (npm install normally did
 * it; build.sh returns at once when the binary is up to date). A binary older than its sources is
 * still used, with a warning, when it cannot be rebuilt here (no Go toolchain).
 */
export function ensureFerretdbBuilt(): string {
  const binary = ferretdbBinary();
  const existed = fs.existsSync(binary);
  const built = spawnSync("sh", [path.join(repoRoot(), "ferretdb", "build.sh")], { stdio: "inherit" });
  if (built.status !== 0 || !fs.existsSync(binary)) {
    if (!existed || !fs.existsSync(binary)) throw new Error(`could not build the embedded FerretDB (ferretdb/build.sh exited ${built.status ?? built.signal})`);
    process.stderr.write(`warning: ferretdb/bin/ferretdb is older than its sources and could not be rebuilt (build.sh exited ${built.status ?? built.signal}); using it as it is\n`);
  }
  return binary;
}

export interface EmbeddedFerretdb {
  /** mongodb:// URI without a database name, e.g. mongodb://127.0.0.1:27017 */
  uri: string;
  port: number;
  pid: number;
  /** Stops FerretDB (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface StartOptions {
  /** postgres:// URL of the database FerretDB keeps its data in. */
  postgresUrl: string;
  port?: number;
  /** Called if FerretDB exits on its own after it became ready. */
  onUnexpectedExit?: (reason: string) => void;
  readyTimeoutMs?: number;
  /** Keep FerretDB running when this process exits (used by the test harness). */
  detached?: boolean;
}

/**
 * Starts the embedded FerretDB (PostgreSQL backend) on loopback and resolves once it accepts
 * connections. Rejects with FerretDB's own error output if it exits or does not become ready in
 * time; it never hangs.
 */
export async function startEmbeddedFerretdb(options: StartOptions): Promise<EmbeddedFerretdb> {
  const binary = ensureFerretdbBuilt();
  const port = options.port || (await freePort());
  const args = ["-postgresql-url", options.postgresUrl, "-listen", `127.0.0.1:${port}`];
  if (!options.detached) args.push("-watch-stdin");
  const child: ChildProcess = spawn(binary, args, {
    stdio: [options.detached ? "ignore" : "pipe", "pipe", "pipe"],
    detached: options.detached ?? false,
  });
  const watch = waitForExit(child, "FerretDB");
  const timeoutMs = options.readyTimeoutMs ?? 30000;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`embedded FerretDB did not become ready within ${timeoutMs} ms: ${watch.tail()}`));
    }, timeoutMs);
    let stdout = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes("ready")) { clearTimeout(timer); resolve(); }
    });
    watch.exited.then(() => { clearTimeout(timer); reject(new Error(`embedded FerretDB exited before it was ready: ${watch.tail()}`)); });
  });

  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) options.onUnexpectedExit?.(`embedded FerretDB exited unexpectedly (${code ?? signal}): ${watch.tail()}`);
  });
  if (options.detached) {
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  }

  return {
    uri: `mongodb://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? 0,
    async stop() {
      stopping = true;
      await watch.stop("SIGTERM", 10000);
    },
  };
}
