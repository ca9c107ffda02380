import type { ComputeRequest, TokenizerFiles, WorkerMessage } from "./protocol.ts";

/** How long the worker may stay on a template the user has already left before it is replaced. */
const RESTART_AFTER_MS = 1000;

/**
 * The worker that runs the library. A render cannot be interrupted, and an untrusted template may take seconds per
 * render (up to the library's time limit) over dozens of probe conversations; when the user has moved on to another
 * template, the worker still busy with the old one is replaced by a fresh one (given the same tokenizer) instead of
 * being waited for. Edits to the conversation alone never replace it: the plan in progress is still wanted.
 */
export class LibraryWorker {
  #worker: Worker;
  #tokenizer: TokenizerFiles | undefined;
  /** Requests sent and not yet answered, oldest first; the first is the one the worker is on since `since`. */
  #unanswered: Array<{ revision: number; choice: string }> = [];
  #since = 0;
  readonly #onMessage: (message: WorkerMessage) => void;
  readonly #onFailure: (detail: string) => void;

  constructor(onMessage: (message: WorkerMessage) => void, onFailure: (detail: string) => void) {
    this.#onMessage = onMessage;
    this.#onFailure = onFailure;
    this.#worker = this.#start();
  }

  loadTokenizer(files: TokenizerFiles): void {
    this.#tokenizer = files;
    this.#worker.postMessage({ type: "tokenizer", files });
  }

  compute(request: ComputeRequest): void {
    const choice = JSON.stringify(request.choice);
    const current = this.#unanswered[0];
    if (current && current.choice !== choice && performance.now() - this.#since > RESTART_AFTER_MS) {
      this.#worker.terminate();
      this.#worker = this.#start();
      this.#unanswered = [];
    }
    if (this.#unanswered.length === 0) this.#since = performance.now();
    this.#unanswered.push({ revision: request.revision, choice });
    this.#worker.postMessage(request);
  }

  #start(): Worker {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "result") {
        // The worker skips requests overtaken while it was busy: an answer settles every earlier one.
        this.#unanswered = this.#unanswered.filter((sent) => sent.revision > message.revision);
        this.#since = performance.now();
      }
      this.#onMessage(message);
    };
    worker.onerror = (event) => this.#onFailure(event.message || "it could not start");
    // Messages wait until the worker's script runs, so the tokenizer is in place before any request.
    if (this.#tokenizer) worker.postMessage({ type: "tokenizer", files: this.#tokenizer });
    return worker;
  }
}
