import type { ComputeRequest, ResultMessage, TokenizerFiles, WorkerMessage } from "./protocol.ts";

/** How long the worker may stay on a template the user has already left before it is replaced. */
const RESTART_AFTER_MS = 1000;

/**
 * The worker that runs the library. A render cannot be interrupted, and an untrusted template may take seconds per
 * render (up to the library's time limit) over dozens of probe conversations, so:
 * - when the user has moved on to another template, the worker still busy with the old one is replaced by a fresh
 *   one (given the same tokenizer) instead of being waited for; edits to the conversation alone never replace it, as
 *   the plan in progress is still wanted;
 * - when no answer comes within `budgetMs`, the worker is replaced and the page told why, in plain words.
 */
export class LibraryWorker {
  #worker: Worker;
  #tokenizer: TokenizerFiles | undefined;
  /** Requests sent and not yet answered, oldest first; the first is the one the worker is on since `since`. */
  #unanswered: Array<{ revision: number; choice: string }> = [];
  #since = 0;
  #watchdog: ReturnType<typeof setTimeout> | undefined;
  readonly #budgetMs: number;
  readonly #onMessage: (message: WorkerMessage) => void;
  readonly #onFailure: (detail: string) => void;

  constructor(options: { budgetMs: number; onMessage: (message: WorkerMessage) => void; onFailure: (detail: string) => void }) {
    this.#budgetMs = options.budgetMs;
    this.#onMessage = options.onMessage;
    this.#onFailure = options.onFailure;
    this.#worker = this.#start();
  }

  loadTokenizer(files: TokenizerFiles): void {
    this.#tokenizer = files;
    this.#worker.postMessage({ type: "tokenizer", files });
  }

  compute(request: ComputeRequest): void {
    const choice = JSON.stringify(request.choice);
    const current = this.#unanswered[0];
    if (current && current.choice !== choice && performance.now() - this.#since > RESTART_AFTER_MS) this.#replace();
    if (this.#unanswered.length === 0) this.#busySince(performance.now());
    this.#unanswered.push({ revision: request.revision, choice });
    this.#worker.postMessage(request);
  }

  #busySince(time: number): void {
    this.#since = time;
    clearTimeout(this.#watchdog);
    this.#watchdog = setTimeout(() => this.#giveUp(), this.#budgetMs);
  }

  /** No answer within the budget: the latest request gets an error instead, and a fresh worker waits for the next. */
  #giveUp(): void {
    const latest = this.#unanswered.at(-1);
    this.#replace();
    if (!latest) return;
    const seconds = Math.round(this.#budgetMs / 1000);
    this.#onMessage({
      type: "result",
      revision: latest.revision,
      error: {
        title: "The template takes too long",
        detail:
          `no answer after ${seconds} s, so the page stopped waiting. A template is untrusted input: one whose renders run ` +
          "to the library's time limit (a loop over a huge range, endless recursion) is tried on dozens of probe " +
          "conversations. Check the template, or open the page with ?budget=SECONDS to wait longer.",
      },
    } satisfies ResultMessage);
  }

  #replace(): void {
    this.#worker.terminate();
    clearTimeout(this.#watchdog);
    this.#unanswered = [];
    this.#worker = this.#start();
  }

  #start(): Worker {
    const worker = new Worker(new URL("./worker.ts", import.meta.url), { type: "module" });
    worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
      const message = event.data;
      if (message.type === "result") {
        // The worker skips requests overtaken while it was busy: an answer settles every earlier one.
        this.#unanswered = this.#unanswered.filter((sent) => sent.revision > message.revision);
        if (this.#unanswered.length > 0) this.#busySince(performance.now());
        else clearTimeout(this.#watchdog);
      }
      this.#onMessage(message);
    };
    worker.onerror = (event) => this.#onFailure(event.message || "it could not start");
    // Messages wait until the worker's script runs, so the tokenizer is in place before any request.
    if (this.#tokenizer) worker.postMessage({ type: "tokenizer", files: this.#tokenizer });
    return worker;
  }
}
