/**
 * PartRunner on worker threads: lets allocate() (synchronous) solve shares of an instance's
 * components on other threads while it solves its own share (matching/parts.ts).
 *
 * allocate() cannot await, so the wait is synchronous: each thread answers on its own
 * MessageChannel and then bumps a shared counter; the caller blocks on that counter with
 * Atomics.wait and takes the answer with receiveMessageOnPort. Threads start with the runner and
 * are kept for later calls (their compiled code with them) until close(). A helper that dies
 * while the caller waits (out of memory) cannot be noticed then: the caller's own time limit
 * (the server's solve timeout) ends the wait; one that died earlier is noticed, and its part
 * solved by the caller.
 */
import { MessageChannel, receiveMessageOnPort, type MessagePort, type Worker } from "node:worker_threads";
import type { PartOutcome, PartRunner, PartTask } from "../../matching";
import { startWorker } from "./worker-pool";

interface Helper {
  worker: Worker;
  port: MessagePort;
  /** [0]: sequence number of the last answer posted. */
  done: Int32Array;
  sent: number;
  failed?: string;
}

export class PartThreads implements PartRunner {
  /** Parts solved at once: the caller's thread and the helpers. */
  readonly threads: number;
  private readonly helpers: Helper[] = [];

  /**
   * `threads`: the caller's thread included (2 = one helper thread). The helpers start now, so
   * that they load while the caller reads its instance.
   */
  constructor(threads: number) {
    this.threads = Math.max(1, Math.floor(threads));
    for (let k = 0; k < this.threads - 1; k++) this.helper(k);
  }

  start(tasks: PartTask[]): { wait(): PartOutcome[] } {
    if (tasks.length > this.threads - 1) throw new RangeError(`${tasks.length} parts for ${this.threads - 1} helper threads`);
    const used = tasks.map((task, k) => {
      const helper = this.helper(k);
      helper.sent++;
      helper.worker.postMessage({ seq: helper.sent, task });
      return helper;
    });
    return { wait: () => used.map((helper) => this.answer(helper)) };
  }

  /** Stops the helper threads. */
  async close(): Promise<void> {
    const helpers = this.helpers.splice(0);
    await Promise.all(helpers.map((h) => h.worker.terminate()));
  }

  private helper(k: number): Helper {
    let helper = this.helpers[k];
    if (!helper) {
      const channel = new MessageChannel();
      const done = new Int32Array(new SharedArrayBuffer(4));
      const worker = startWorker({ port: channel.port2, done }, {}, "part-worker", [channel.port2]);
      worker.unref(); // an idle helper does not keep the process alive
      const created: Helper = { worker, port: channel.port1, done, sent: 0 };
      // Only seen when the caller is not blocked (e.g. a helper that failed to start).
      worker.on("error", (error) => (created.failed = error.message));
      worker.on("exit", (code) => (created.failed ??= `exited with code ${code}`));
      helper = created;
      this.helpers[k] = helper;
    }
    return helper;
  }

  private answer(helper: Helper): PartOutcome {
    // Wakes every second, so that a terminating parent (the server's time limit) can stop this
    // thread; `failed` only changes between calls (exit events need the event loop).
    for (;;) {
      const seen = Atomics.load(helper.done, 0);
      if (seen === helper.sent) break;
      if (helper.failed) return { ok: false, message: `part thread failed: ${helper.failed}` };
      Atomics.wait(helper.done, 0, seen, 1000);
    }
    const received = receiveMessageOnPort(helper.port);
    return received ? (received.message as PartOutcome) : { ok: false, message: "part thread gave no answer" };
  }
}
