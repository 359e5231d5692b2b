/**
 * Worker-thread entry: solves one instance with matching.allocate and posts the Result back.
 * Runs in its own thread so that the caller can terminate it (the reference LP cannot be
 * interrupted otherwise). The clock is injected here: matching/ never reads one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { allocate, type AllocateOptions } from "../../matching";

const { instance, options } = workerData as { instance: unknown; options: Omit<AllocateOptions, "now"> };
try {
  parentPort?.postMessage(allocate(instance, { ...options, now: () => performance.now() }));
} catch (error) {
  // allocate never throws on bad input; anything here is a defect, reported as data.
  parentPort?.postMessage({ version: 1, status: "ERROR", message: `solver crashed: ${(error as Error).message ?? String(error)}` });
}
