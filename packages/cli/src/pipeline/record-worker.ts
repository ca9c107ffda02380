import { parentPort, workerData } from "node:worker_threads";
import { RecordEncoder } from "../encoding/encode-record.ts";
import { openTokenizer } from "../tokenizer-dir.ts";
import { failureOf } from "../thread-failure.ts";
import type { WorkerJob, WorkerMessage, WorkerSetup } from "./worker-protocol.ts";

// A worker thread of `prepare --workers N`: loads the tokenizer once, then encodes the batches of records it is sent.
const port = parentPort!;
const setup = workerData as WorkerSetup;
const post = (message: WorkerMessage) => port.postMessage(message);

try {
  const tokenizer = await openTokenizer(setup.tokenizerDir);
  const encoder = new RecordEncoder(tokenizer, setup.choice, setup.shape, setup.options);
  port.on("message", (job: WorkerJob) => {
    encoder.encodeBatch(job.texts).then(
      (outcomes) => post({ type: "done", id: job.id, outcomes }),
      (error: unknown) => post({ type: "failed", id: job.id, failure: failureOf(error) }),
    );
  });
  post({ type: "ready" });
} catch (error) {
  post({ type: "init-failed", failure: failureOf(error) });
}
