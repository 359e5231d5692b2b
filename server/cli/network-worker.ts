/**
 * The worker of network-thread.ts: solves each network it is sent in place (the same
 * minCostCirculation allocate() runs, with a workspace kept across networks), posts the outcome
 * on the port it was given, then raises the shared flag.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { minCostCirculation } from "../../matching/flow";
import { Workspace, type CirculationNetwork } from "../../matching/network";

const flag = (workerData as { flag: Int32Array }).flag;
const ws = new Workspace();
let port: MessagePort | undefined;

parentPort?.on("message", (message: { port?: MessagePort; net?: CirculationNetwork; startPrices?: Float64Array }) => {
  if (message.port) {
    port = message.port;
    return;
  }
  if (!message.net || !port) return;
  let outcome;
  try {
    outcome = minCostCirculation(message.net, ws, { startPrices: message.startPrices });
  } catch (error) {
    outcome = { ok: false as const, message: `network thread failed: ${(error as Error).message}` };
  }
  port.postMessage(outcome);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
