// Section 3, pure JavaScript (no native binding): our adapters of `@huggingface/tokenizers` and transformers.js
// through `applyChatTemplate` with masks, against transformers.js' own `apply_chat_template(tokenize: true)` (ids
// only, no masks) on the same tokenizer, template and conversations.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { AutoTokenizer, env as transformersEnv, type PreTrainedTokenizer } from "@huggingface/transformers";
import { fromHfTokenizer, fromTransformersTokenizer, type TokenizerLike } from "@training-templates/core";
import { formatMs, formatRatio, medianMs, passesFor, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { applyTrainingTemplate, benchCases, now, type BenchCase } from "./corpus.ts";

export async function run(options: BenchOptions): Promise<BenchSection> {
  const passes = passesFor(options);
  transformersEnv.allowRemoteModels = false;
  transformersEnv.allowLocalModels = true;
  transformersEnv.localModelPath = "";
  const rows: string[][] = [];
  const loaded = new Map<string, Awaited<ReturnType<typeof loadAdapters>>>();
  for (const benchCase of benchCases(options)) {
    let adapters = loaded.get(benchCase.tokenizerDir);
    if (!adapters) {
      adapters = await loadAdapters(benchCase.tokenizerDir);
      loaded.set(benchCase.tokenizerDir, adapters);
    }
    const { hf, transformersTokenizer, viaTransformers } = adapters;
    const theirs = await medianMs(passes, () => transformersJsApply(benchCase, transformersTokenizer));
    const oursHf = await medianMs(passes, () => oursApply(benchCase, hf));
    const oursTransformers = await medianMs(passes, () => oursApply(benchCase, viaTransformers));
    const count = benchCase.conversations.length;
    const perConversation = (ms: number) => formatMs((ms / count) * 1000);
    rows.push([
      benchCase.name,
      perConversation(theirs),
      perConversation(oursHf),
      perConversation(oursTransformers),
      formatRatio(oursHf / theirs),
      formatRatio(oursTransformers / theirs),
    ]);
  }
  return {
    title: "3. Pure-JS tokenizers: our adapters vs transformers.js apply_chat_template",
    intro:
      "Median CPU time per conversation (µs). *transformers.js*: its `apply_chat_template(messages, { tokenize: true, " +
      "return_dict: true })` with the training template (ids, no masks: it has no `{% generation %}` support). *ours*: " +
      "`applyChatTemplate(…, { returnAssistantTokensMask: true })` through `fromHfTokenizer` (`@huggingface/tokenizers`) " +
      "and `fromTransformersTokenizer` — render with spans, tokenize, align offsets, masks.",
    headers: ["case", "transformers.js µs", "ours (@huggingface/tokenizers) µs", "ours (transformers.js) µs", "ours hf / transformers.js", "ours tjs / transformers.js"],
    rows,
  };
}

/** One tokenizer folder through both pure-JS libraries. */
async function loadAdapters(dir: string) {
  const config = JSON.parse(await readFile(join(dir, "tokenizer_config.json"), "utf8"));
  const tokenizerJson = JSON.parse(await readFile(join(dir, "tokenizer.json"), "utf8"));
  const hf = fromHfTokenizer(new Tokenizer(tokenizerJson, config), config);
  const transformersTokenizer = await AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  return { hf, transformersTokenizer, viaTransformers: fromTransformersTokenizer(transformersTokenizer, config) };
}

async function transformersJsApply(benchCase: BenchCase, tokenizer: PreTrainedTokenizer): Promise<void> {
  for (const conversation of benchCase.conversations) {
    try {
      tokenizer.apply_chat_template(conversation.messages as never, {
        chat_template: benchCase.variant.template,
        tools: conversation.tools ?? null,
        add_generation_prompt: conversation.add_generation_prompt ?? false,
        tokenize: true,
        return_dict: true,
        return_tensor: false,
        ...benchCase.variant.defaultKwargs,
      });
    } catch {
      // Its renderer rejects some conversations ours renders; they are timed all the same.
    }
  }
}

async function oursApply(benchCase: BenchCase, tokenizer: TokenizerLike): Promise<void> {
  for (const conversation of benchCase.conversations) await applyTrainingTemplate(benchCase, tokenizer, conversation);
}

await runIfMain(import.meta.url, run);
