import { Worker } from "node:worker_threads";
import { errorFrom } from "../thread-failure.ts";
import type { Outcome } from "../encoding/encode-record.ts";
import { BATCH_SIZE, type RecordProcessor } from "./processor.ts";
import type { WorkerJob, WorkerMessage, WorkerSetup } from "./worker-protocol.ts";

/** Batches each worker may hold at once: one being encoded, the next already waiting in its queue. */
const BATCHES_PER_WORKER = 2;

interface PoolWorker {
  worker: Worker;
  busy: number;
}

interface PendingJob {
  resolve: (outcomes: Outcome[]) => void;
  reject: (error: unknown) => void;
  worker: PoolWorker;
}

/**
 * Encodes batches of records on worker threads, each with its own tokenizer loaded once (their native tokenizing
 * shares the process's one thread pool). A batch goes to the least busy worker; results come back in any order
 * (the caller restores input order).
 */
export class WorkerPool implements RecordProcessor {
  readonly batchSize = BATCH_SIZE;
  readonly batchesInFlight: number;
  private readonly pending = new Map<number, PendingJob>();
  private nextId = 0;
  private broken: Error | undefined;
  private closing = false;

  private constructor(private readonly workers: PoolWorker[]) {
    this.batchesInFlight = workers.length * BATCHES_PER_WORKER;
    for (const poolWorker of workers) {
      poolWorker.worker.on("message", (message: WorkerMessage) => this.settle(message));
      poolWorker.worker.on("error", (error) => this.fail(error));
      poolWorker.worker.on("exit", (code) => {
        if (!this.closing) this.fail(new Error(`a worker thread stopped unexpectedly (exit code ${code})`));
      });
    }
  }

  /** Starts `count` workers and waits until each has loaded the tokenizer. */
  static async start(count: number, setup: WorkerSetup): Promise<WorkerPool> {
    // Built next to this module's chunk as its own entry (see tsdown.config.ts).
    const script = new URL("./record-worker.js", import.meta.url);
    const workers = Array.from({ length: count }, () => new Worker(script, { workerData: setup }));
    try {
      await Promise.all(workers.map(waitUntilReady));
    } catch (error) {
      await Promise.all(workers.map((worker) => worker.terminate()));
      throw error;
    }
    return new WorkerPool(workers.map((worker) => ({ worker, busy: 0 })));
  }

  processBatch(texts: string[]): Promise<Outcome[]> {
    if (this.broken) return Promise.reject(this.broken);
    const target = this.workers.reduce((least, candidate) => (candidate.busy < least.busy ? candidate : least));
    const id = this.nextId++;
    target.busy++;
    return new Promise<Outcome[]>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, worker: target });
      target.worker.postMessage({ id, texts } satisfies WorkerJob);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map(({ worker }) => worker.terminate()));
  }

  private settle(message: WorkerMessage): void {
    if (message.type !== "done" && message.type !== "failed") return;
    const job = this.pending.get(message.id);
    if (!job) return;
    this.pending.delete(message.id);
    job.worker.busy--;
    if (message.type === "done") job.resolve(message.outcomes);
    else job.reject(errorFrom(message.failure));
  }

  private fail(error: Error): void {
    this.broken ??= error;
    for (const job of this.pending.values()) job.reject(this.broken);
    this.pending.clear();
  }
}

function waitUntilReady(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: WorkerMessage) => {
      if (message.type === "ready") done(resolve);
      else if (message.type === "init-failed") done(() => reject(errorFrom(message.failure)));
    };
    const onError = (error: Error) => done(() => reject(error));
    const onExit = (code: number) => done(() => reject(new Error(`a worker thread stopped while starting (exit code ${code})`)));
    const done = (then: () => void) => {
      worker.off("message", onMessage).off("error", onError).off("exit", onExit);
      then();
    };
    worker.on("message", onMessage).on("error", onError).on("exit", onExit);
  });
}
