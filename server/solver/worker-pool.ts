/**
 * Runs matching.allocate in a worker thread that is terminated on timeout (status "TIME_LIMIT"),
 * so that long solves (notably the reference LP, which cannot be interrupted) stay off the
 * request path and bounded in time.
 *
 * Locating the worker code: compiled (dist/server/solver/solve-worker.js next to this file) it is
 * loaded directly. Under ts-jest only the .ts sources exist and workers do not get jest's
 * transform, so the worker is started from a small eval script that registers a require hook
 * compiling .ts files with TypeScript's transpileModule (typescript is a devDependency; no
 * ts-node needed) and then requires solve-worker.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { Worker } from "node:worker_threads";
import type { AllocateOptions, Result } from "../../matching";
import type { AllocationProfiles } from "./profiles-instance";

export interface WorkerSolveLimits {
  /** Wall-clock limit; the worker is terminated past it. */
  timeoutMs: number;
  /** Optional heap cap for the worker, in MB. */
  maxHeapMb?: number;
}

const TS_BOOTSTRAP = `
const Module = require("node:module");
const fs = require("node:fs");
const ts = require("typescript");
require.extensions[".ts"] = (module, filename) => {
  const source = fs.readFileSync(filename, "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, experimentalDecorators: true },
  });
  module._compile(outputText, filename);
};
void Module;
require(require("node:worker_threads").workerData.__entry);
`;

function startWorker(workerData: Record<string, unknown>, resourceLimits: { maxOldGenerationSizeMb?: number }): Worker {
  return startWorkerModule(path.join(__dirname, "solve-worker"), workerData, resourceLimits);
}

/**
 * A worker thread running the module at `modulePath` (no extension): its compiled .js when it
 * exists, else its .ts source through the transpiling require hook (under ts-jest).
 */
export function startWorkerModule(modulePath: string, workerData: Record<string, unknown> = {}, resourceLimits: { maxOldGenerationSizeMb?: number } = {}): Worker {
  const compiled = `${modulePath}.js`;
  if (fs.existsSync(compiled)) return new Worker(compiled, { workerData, resourceLimits });
  return new Worker(TS_BOOTSTRAP, { eval: true, workerData: { ...workerData, __entry: `${modulePath}.ts` }, resourceLimits });
}

/**
 * Solves `instance` in a fresh worker thread. Resolves (never rejects) with the Result, or with
 * status "TIME_LIMIT" when `timeoutMs` passes (the worker is terminated), or "ERROR" when the
 * worker dies (e.g. out of memory). `options.now` is not transferable and is replaced by the
 * worker's own clock.
 */
export function solveInWorker(instance: unknown, options: AllocateOptions, limits: WorkerSolveLimits): Promise<Result> {
  return runWorker<Result>({ instance }, options, limits, (result) => result);
}

export interface BuiltAndSolved {
  result: Result;
  /** SHA-256 of the instance the worker built (null when it crashed). */
  hash: string | null;
  edges: number;
}

/**
 * Builds the instance from profiles (scoring every edge) and solves it, both
 * in the worker: at city scale the edge scoring alone would block the server's
 * event loop for seconds, and the edges never need to cross threads.
 */
export function buildAndSolveInWorker(profiles: AllocationProfiles, options: AllocateOptions, limits: WorkerSolveLimits): Promise<BuiltAndSolved> {
  return runWorker<BuiltAndSolved>({ profiles }, options, limits, (result) => ({ result, hash: null, edges: 0 }));
}

function runWorker<T>(payload: Record<string, unknown>, options: AllocateOptions, limits: WorkerSolveLimits, wrapFailure: (result: Result) => T): Promise<T> {
  const { now: _now, ...transferable } = options;
  void _now;
  return new Promise((resolve) => {
    let settled = false;
    const worker = startWorker({ ...payload, options: transferable }, limits.maxHeapMb ? { maxOldGenerationSizeMb: limits.maxHeapMb } : {});
    const finish = (answer: T): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(answer);
    };
    const timer = setTimeout(() => {
      finish(wrapFailure({ version: 1, status: "TIME_LIMIT", message: `no answer within ${limits.timeoutMs} ms; solver stopped`, stats: { solver: options.solver ?? "auto", millis: limits.timeoutMs } }));
    }, limits.timeoutMs);
    worker.once("message", (answer: T) => finish(answer));
    worker.once("error", (error) => finish(wrapFailure({ version: 1, status: "ERROR", message: `solver worker failed: ${error.message}` })));
    worker.once("exit", (code) => finish(wrapFailure({ version: 1, status: "ERROR", message: `solver worker exited with code ${code} before answering` })));
  });
}
