import { Worker } from "node:worker_threads";
import { errorFrom } from "../thread-failure.ts";
import type { EncoderJob, EncoderReply, EncoderSetup } from "./parquet-protocol.ts";

/** Row groups sent to the thread and not yet written: one being encoded, one waiting. A third waits here. */
export const ROW_GROUPS_IN_FLIGHT = 2;

/** Built next to this module's chunk as its own entry (see tsdown.config.ts). */
export const BUILT_WORKER = new URL("./parquet-worker.js", import.meta.url);

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The thread that encodes and writes Parquet shards (parquet-worker.ts), seen from the main thread: jobs go in
 * order, at most `ROW_GROUPS_IN_FLIGHT` row groups at once. Its first failure (a write that failed, the thread
 * gone) is kept: every later call throws it, and nothing waits on the thread after it.
 */
export class EncoderThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiter>();
  private readonly rowGroups: Array<Promise<void>> = [];
  private last: Promise<void> = Promise.resolve();
  private nextId = 0;
  private failure: Error | undefined;
  private stopped = false;

  constructor(script: URL, setup: EncoderSetup) {
    this.worker = new Worker(script, { workerData: setup });
    this.worker.on("message", (reply: EncoderReply) => this.settle(reply));
    this.worker.on("error", (error) => this.fail(error));
    this.worker.on("messageerror", (error) => this.fail(error));
    this.worker.on("exit", (code) => {
      if (!this.stopped) this.fail(new Error(`the Parquet encoding thread stopped unexpectedly (exit code ${code})`));
    });
    // Idle, it does not keep the process alive (a writer never closed must not hang the exit); `post` refs it while
    // a job is under way. After the listeners: adding a "message" listener refs the worker again.
    this.worker.unref();
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }

  /** Sends a job without waiting for it; a failure shows in the next call. */
  post(job: EncoderJob, transfer: ArrayBuffer[] = []): Promise<void> {
    this.throwIfFailed();
    // A stopped thread would never answer.
    if (this.stopped) throw new Error("the Parquet encoding thread was already stopped");
    const id = this.nextId++;
    const done = new Promise<void>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
    // Reported by the next call (or `idle`): never an unhandled rejection meanwhile.
    done.catch(() => undefined);
    if (this.waiting.size === 1) this.worker.ref();
    this.worker.postMessage({ ...job, id }, transfer);
    this.last = done;
    return done;
  }

  /** Sends a row group, first waiting while `ROW_GROUPS_IN_FLIGHT` are already on their way (backpressure). */
  async postRowGroup(job: Extract<EncoderJob, { type: "row-group" }>, transfer: ArrayBuffer[]): Promise<void> {
    while (this.rowGroups.length >= ROW_GROUPS_IN_FLIGHT) await this.rowGroups.shift();
    this.rowGroups.push(this.post(job, transfer));
  }

  /** Waits until every job sent is done; throws the thread's failure if there was one. */
  async idle(): Promise<void> {
    await this.last;
    this.throwIfFailed();
  }

  /** Ends the thread (after `idle`, or after a failure). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure ?? new Error("the Parquet encoding thread was stopped"));
    this.waiting.clear();
    await this.worker.terminate();
  }

  private settle(reply: EncoderReply): void {
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.type === "done") return waiter.resolve();
    this.failure ??= errorFrom(reply.failure);
    waiter.reject(this.failure);
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.values()) waiter.reject(this.failure);
    this.waiting.clear();
    this.worker.unref();
  }
}
