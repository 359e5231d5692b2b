/**
 * Worker-thread entry of PartThreads: solves each part it is sent (matching.solvePart), posts the
 * outcome on its channel, then bumps the shared counter the caller blocks on.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { performance } from "node:perf_hooks";
import { solvePart, type PartOutcome, type PartTask } from "../../matching";

const { port, done } = workerData as { port: MessagePort; done: Int32Array };

parentPort?.on("message", ({ seq, task }: { seq: number; task: PartTask }) => {
  let outcome: PartOutcome;
  try {
    outcome = solvePart(task, () => performance.now());
  } catch (error) {
    // solvePart does not throw on valid parts; anything here is a defect, reported as data.
    outcome = { ok: false, message: `part solve crashed: ${(error as Error).message ?? String(error)}` };
  }
  const transfer = outcome.ok
    ? [outcome.chosen, outcome.studentPotentials, outcome.postingPotentials, outcome.enterprisePotentials, outcome.postingValues, outcome.postingExact, outcome.ceilingValues, outcome.ceilingExact]
        .filter((array) => array !== undefined)
        .map((array) => array.buffer as ArrayBuffer)
    : [];
  port.postMessage(outcome, transfer);
  Atomics.store(done, 0, seq);
  Atomics.notify(done, 0);
});
