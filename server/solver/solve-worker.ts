/**
 * Worker-thread entry: solves one instance with matching.allocate and posts the Result back.
 * Runs in its own thread so that the caller can terminate it (the reference LP cannot be
 * interrupted otherwise), and so that building a city-scale instance (millions of scored
 * edges) never blocks the server's event loop. The clock is injected here: matching/ never
 * reads one.
 */
import { parentPort, workerData } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { allocate, type AllocateOptions } from "../../matching";
import { instanceFromProfiles, type AllocationProfiles } from "./profiles-instance";

const { instance, profiles, options } = workerData as { instance?: unknown; profiles?: AllocationProfiles; options: Omit<AllocateOptions, "now"> };
try {
  if (profiles) {
    const built = instanceFromProfiles(profiles);
    const result = built.outcome.ok
      ? allocate(built.outcome.instance, { ...options, now: () => performance.now() })
      : { version: 1, status: "INVALID_INPUT", errors: built.outcome.errors };
    parentPort?.postMessage({ result, hash: built.hash, edges: built.edges });
  } else {
    parentPort?.postMessage(allocate(instance, { ...options, now: () => performance.now() }));
  }
} catch (error) {
  // allocate never throws on bad input; anything here is a defect, reported as data.
  const failed = { version: 1, status: "ERROR", message: `solver crashed: ${(error as Error).message ?? String(error)}` };
  parentPort?.postMessage(profiles ? { result: failed, hash: null, edges: 0 } : failed);
}
