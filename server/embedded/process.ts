import type { ChildProcess } from "node:child_process";

export interface ExitWatch {
  /** Resolves when the child has exited. */
  exited: Promise<void>;
  hasExited(): boolean;
  /** The last lines the child wrote on stderr, for error messages. */
  tail(): string;
  /** Sends `signal`, then SIGKILL after `graceMs`, and waits for the exit. */
  stop(signal: NodeJS.Signals, graceMs: number): Promise<void>;
}

/** Watches a child's exit and keeps the tail of its stderr. */
export function waitForExit(child: ChildProcess, name: string): ExitWatch {
  let tail = "";
  let exited = false;
  child.stderr?.on("data", (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-4000);
  });
  const exitedPromise = new Promise<void>((resolve) => {
    child.once("exit", () => { exited = true; resolve(); });
    child.once("error", (err) => {
      tail += `\n${name} could not start: ${err.message}`;
      exited = true;
      resolve();
    });
  });
  return {
    exited: exitedPromise,
    hasExited: () => exited,
    tail: () => tail.trim(),
    async stop(signal, graceMs) {
      if (exited) return;
      child.kill(signal);
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
