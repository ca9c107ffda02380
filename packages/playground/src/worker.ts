import { registry } from "@training-templates/all";
import type { TokenizerLike } from "@training-templates/core";
import { computeResult } from "./compute-result.ts";
import { describeTokenizer, loadTokenizer } from "./load-tokenizer.ts";
import { plainError } from "./plain-error.ts";
import type { ComputeRequest, PageMessage, WorkerMessage } from "./protocol.ts";

/**
 * The library's side of the page: it loads the tokenizer and answers each edit. Edits arrive faster than renders
 * finish, so only the latest request waiting is computed; the page ignores answers older than its last edit.
 */
/** The worker's global, typed by hand: the repository's types use the DOM library, which has no worker scope. */
const scope = self as unknown as { postMessage(message: WorkerMessage): void; onmessage: ((event: MessageEvent<PageMessage>) => void) | null };
let tokenizer: TokenizerLike | undefined;
let waiting: ComputeRequest | undefined;
let busy = false;

function post(message: WorkerMessage): void {
  scope.postMessage(message);
}

scope.onmessage = (event: MessageEvent<PageMessage>) => {
  const message = event.data;
  if (message.type === "tokenizer") {
    try {
      tokenizer = loadTokenizer(message.files);
      post({ type: "tokenizer", ok: true, status: describeTokenizer(message.files, tokenizer) });
    } catch (error) {
      tokenizer = undefined;
      const { title, detail } = plainError(error);
      post({ type: "tokenizer", ok: false, status: `${title}: ${detail}` });
    }
    return;
  }
  waiting = message;
  void drain();
};

async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    while (waiting) {
      const request = waiting;
      waiting = undefined;
      try {
        post(await computeResult(request, tokenizer, registry));
      } catch (error) {
        // computeResult reports what it expects; anything else still answers, so the page never waits forever.
        post({ type: "result", revision: request.revision, error: plainError(error) });
      }
    }
  } finally {
    busy = false;
  }
}

post({
  type: "ready",
  variants: registry.variants.map((variant) => ({ id: variant.id, displayName: variant.displayName, family: variant.family })),
});
