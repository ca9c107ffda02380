import { drawResult, type ResultElements } from "./draw-result.ts";
import { EXAMPLES } from "./examples.ts";
import { fetchHubTokenizer } from "./hub-files.ts";
import { LibraryWorker } from "./library-worker.ts";
import type { TemplateChoice, TokenizerFiles, VariantOption, WorkerMessage } from "./protocol.ts";
import { readTokenizerFiles } from "./read-files.ts";

/**
 * The page: it keeps the editors and draws what the worker answers. Every edit gets a new revision; the result area
 * says `data-state="computing"` until the answer to the latest one is drawn (`"done"`), which is what tests wait on.
 */
function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no #${id}`);
  return found as T;
}

const source = byId<HTMLSelectElement>("template-source");
const editor = byId<HTMLTextAreaElement>("chat-template");
const conversation = byId<HTMLTextAreaElement>("conversation");
const examples = byId<HTMLSelectElement>("conversation-example");
const tokenizerFiles = byId<HTMLInputElement>("tokenizer-files");
const dropZone = byId<HTMLElement>("tokenizer-drop");
const tokenizerStatus = byId<HTMLElement>("tokenizer-status");
const hubForm = byId<HTMLFormElement>("hub-form");
const hubModel = byId<HTMLInputElement>("hub-model");
const resultArea = byId<HTMLElement>("result");
const elements: ResultElements = {
  error: byId("error"),
  strategy: byId("strategy"),
  counts: byId("counts"),
  checks: byId("checks"),
  download: byId<HTMLAnchorElement>("download-template"),
  tokens: byId("tokens"),
};

let revision = 0;
/** The latest revision whose answer is drawn. */
let answered = 0;
let ready = false;
let timer: ReturnType<typeof setTimeout> | undefined;
/** How long to wait for an answer before giving up on a template: `?budget=SECONDS`, 30 by default. */
const budgetSeconds = Number(new URLSearchParams(location.search).get("budget") ?? "30");
const worker = new LibraryWorker({
  budgetMs: (Number.isFinite(budgetSeconds) && budgetSeconds > 0 ? budgetSeconds : 30) * 1000,
  onMessage: onWorkerMessage,
  onFailure: (detail) => {
    drawResult({ type: "result", revision, error: { title: "The playground's worker failed", detail } }, elements);
    answered = revision;
    showState();
  },
});

/** "done" once the answer to the latest edit is drawn and no edit waits to be sent. */
function showState(): void {
  resultArea.dataset.state = timer === undefined && answered === revision ? "done" : "computing";
}

/** Typing waits a moment before rendering again; a choice or a new tokenizer renders at once. */
function schedule(delayMs = 250): void {
  resultArea.dataset.state = "computing";
  clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    if (!ready) return;
    revision += 1;
    worker.compute({ type: "compute", revision, choice: currentChoice(), conversation: conversation.value });
  }, delayMs);
}

function currentChoice(): TemplateChoice {
  if (source.value === "own") return { kind: "own" };
  if (source.value === "pasted") return { kind: "pasted", template: editor.value };
  return { kind: "variant", id: source.value.replace(/^variant:/, "") };
}

function onWorkerMessage(message: WorkerMessage): void {
  if (message.type === "ready") {
    // A replacement worker says it is ready too; its requests are already queued.
    if (ready) return;
    addVariants(message.variants);
    ready = true;
    schedule(0);
  } else if (message.type === "tokenizer") {
    tokenizerStatus.textContent = message.status;
    tokenizerStatus.dataset.ok = String(message.ok);
    schedule(0);
  } else if (message.revision === revision) {
    // The editor shows the template of the choice, unless the user is writing their own there.
    if (source.value !== "pasted" && message.templateShown !== undefined && editor.value !== message.templateShown) editor.value = message.templateShown;
    drawResult(message, elements);
    answered = message.revision;
    showState();
  }
}

function addVariants(variants: readonly VariantOption[]): void {
  const families = new Map<string, HTMLOptGroupElement>();
  for (const variant of variants) {
    let group = families.get(variant.family);
    if (!group) {
      group = document.createElement("optgroup");
      group.label = `Registry variants: ${variant.family}`;
      families.set(variant.family, group);
      source.append(group);
    }
    group.append(new Option(`${variant.id} (${variant.displayName})`, `variant:${variant.id}`));
  }
}

async function useTokenizer(load: () => Promise<TokenizerFiles>, what: string): Promise<void> {
  tokenizerStatus.textContent = `Reading ${what}…`;
  resultArea.dataset.state = "computing";
  try {
    worker.loadTokenizer(await load());
  } catch (error) {
    tokenizerStatus.textContent = `Cannot use ${what}: ${error instanceof Error ? error.message : String(error)}`;
    tokenizerStatus.dataset.ok = "false";
    showState();
  }
}

tokenizerFiles.addEventListener("change", () => {
  const files = [...(tokenizerFiles.files ?? [])];
  if (files.length > 0) void useTokenizer(() => readTokenizerFiles(files), "the files");
});
dropZone.addEventListener("dragover", (event) => {
  event.preventDefault();
  dropZone.classList.add("dragging");
});
dropZone.addEventListener("dragleave", () => dropZone.classList.remove("dragging"));
dropZone.addEventListener("drop", (event) => {
  event.preventDefault();
  dropZone.classList.remove("dragging");
  const files = [...(event.dataTransfer?.files ?? [])];
  if (files.length > 0) void useTokenizer(() => readTokenizerFiles(files), "the dropped files");
});
hubForm.addEventListener("submit", (event) => {
  event.preventDefault();
  void useTokenizer(() => fetchHubTokenizer(hubModel.value), `${hubModel.value.trim()} from the Hub`);
});

source.addEventListener("change", () => schedule(0));
editor.addEventListener("input", () => {
  source.value = "pasted";
  schedule();
});
conversation.addEventListener("input", () => schedule());
for (const [index, example] of EXAMPLES.entries()) examples.append(new Option(example.name, String(index)));
examples.addEventListener("change", () => {
  conversation.value = JSON.stringify(EXAMPLES[Number(examples.value)]!.conversation, null, 2);
  schedule(0);
});
conversation.value = JSON.stringify(EXAMPLES[0]!.conversation, null, 2);
resultArea.dataset.state = "computing";
