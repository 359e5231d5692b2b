/**
 * A worker thread that solves component networks for allocate() (AllocateOptions.networkThread),
 * so that a large instance's components are solved two at a time on two cores while allocate()
 * stays synchronous: the network's arrays are on SharedArrayBuffers and solved in place; the
 * outcome comes back on a message port read with receiveMessageOnPort once a shared flag says
 * it is there (Atomics.wait), so the calling thread never needs its event loop.
 */
import * as path from "node:path";
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from "node:worker_threads";
import type { CirculationOutcome, NetworkThread } from "../../matching/flow";
import type { CirculationNetwork } from "../../matching/network";
import { startWorkerModule } from "../solver/worker-pool";

/** Flag values in the shared Int32 cell: the outcome has been posted, or not yet. */
const POSTED = 1;
const PENDING = 0;

export class WorkerNetworkThread implements NetworkThread {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private out = false;

  /**
   * `answerWithinMs`: how long finish() waits (default 30 minutes): a worker that died (it
   * cannot say so while this thread is blocked) then fails the solve instead of hanging it.
   */
  constructor(private readonly answerWithinMs = 30 * 60_000) {
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.worker = startWorkerModule(path.join(__dirname, "network-worker"), { flag: this.flag });
    // workerData cannot carry a port: it goes with the first message, transferred.
    this.worker.postMessage({ port: channel.port2 }, [channel.port2]);
    this.worker.unref();
  }

  idle(): boolean {
    return !this.out || Atomics.load(this.flag, 0) === POSTED;
  }

  start(net: CirculationNetwork, startPrices: Float64Array | undefined): void {
    if (this.out) throw new Error("network thread busy: finish() the network handed over first");
    Atomics.store(this.flag, 0, PENDING);
    this.out = true;
    this.worker.postMessage({ net, startPrices });
  }

  finish(): CirculationOutcome {
    if (!this.out) throw new Error("no network handed over");
    const answered = Atomics.wait(this.flag, 0, PENDING, this.answerWithinMs) !== "timed-out";
    this.out = false;
    if (!answered) return { ok: false, message: `network thread gave no answer within ${this.answerWithinMs} ms` };
    const received = receiveMessageOnPort(this.port);
    if (!received) return { ok: false, message: "network thread posted no outcome" };
    return received.message as CirculationOutcome;
  }

  /** Stops the worker (the process can also just exit: it is unref'd). */
  close(): Promise<number> {
    this.port.close();
    return this.worker.terminate();
  }
}
