import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { spawnTs } from "./ts-child";

const running = new Set<ChildProcess>();

/** Kills every server this test file started and has not stopped (a failed test leaves none behind). */
export async function stopAllServers(): Promise<void> {
  await Promise.all([...running].map((child) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGKILL");
  })));
  running.clear();
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<string>;
  output(): string;
  stop(): Promise<string>;
}

/**
 * Starts the real server entry point (server/main.ts) in a child process with
 * the given environment and waits until it prints its URL, so a test can kill
 * it (or let it kill itself) and start it again on the same database.
 */
export async function spawnServer(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawnTs(path.resolve(__dirname, "../../server/main.ts"), [], {
    cwd: path.resolve(__dirname, "../.."),
    env: { ...process.env, NODE_ENV: "test", PORT: "0", SEED_DEMO: "false", LOG_LEVEL: "warn", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let output = "";
  child.stdout!.on("data", (d: Buffer) => { output += d.toString(); });
  child.stderr!.on("data", (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(signal ?? String(code))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start within 60 s:\n${output}`)), 60_000);
    const onData = () => {
      const match = /GraphQL: (http:\/\/\S+)/.exec(output);
      if (match) { clearTimeout(timer); resolve(match[1]!.replace("localhost", "127.0.0.1")); }
    };
    child.stdout!.on("data", onData);
    void exited.then((how) => { clearTimeout(timer); reject(new Error(`server exited (${how}) before it started:\n${output}`)); });
  });
  return {
    url,
    child,
    exited,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      return exited;
    },
  };
}

/** Sends one GraphQL request; network failures (a crashed server) come back as { crashed: true }. */
export async function gqlAt(url: string, query: string, variables: Record<string, unknown> = {}, token?: string): Promise<{ data?: any; errors?: any[]; crashed?: boolean }> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  } catch {
    return { crashed: true };
  }
}
