// Section 2, the pipeline per conversation on one thread: render + tokenize + masks (`applyChatTemplate` with the
// native binding, as `prepare` runs it) against the floor, the native binding's `encodeBatch` of the same rendered
// texts, ids only. Also render alone and render + tokenize without offsets or masks, to show where the time goes.
import { join } from "node:path";
import { renderChat } from "@training-templates/core";
import { loadTokenizer, type LoadedTokenizer } from "@training-templates/core/node";
import { Tokenizer } from "tokenizers";
import { forEachConcurrent, formatCount, formatMs, formatRatio, medianMs, medianMsInTurns, passesFor, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { applyTrainingTemplate, benchCases, now, type BenchCase } from "./corpus.ts";

/** Records `prepare --workers 1` keeps under way on its one thread (`InlineProcessor.capacity`). */
const IN_FLIGHT = 4;
/** Target: the whole pipeline within this multiple of native tokenization of the same texts. */
const PIPELINE_TARGET = 1.3;
/** Target: masks (span ends → mask) add less than this share on top of render + tokenize. */
const MASK_TARGET = 0.05;

// One thread for the floor too: `encodeBatch` would otherwise spread the batch over every core (rayon), and the
// comparison is per conversation, single worker. Read by the binding when its thread pool starts (first batch).
process.env.RAYON_NUM_THREADS ??= "1";

export async function run(options: BenchOptions): Promise<BenchSection> {
  const passes = passesFor(options);
  const rows: string[][] = [];
  let worstPipeline = 0;
  let worstMasks = -Infinity;
  const totals = { floor: 0, full: 0, renderTokenize: 0 };
  const tokenizers = new Map<string, { loaded: LoadedTokenizer; native: Tokenizer }>();
  for (const benchCase of benchCases(options)) {
    let pair = tokenizers.get(benchCase.tokenizerDir);
    if (!pair) {
      pair = await loadPair(benchCase.tokenizerDir);
      tokenizers.set(benchCase.tokenizerDir, pair);
    }
    const { loaded, native } = pair;
    const template = benchCase.variant.template;
    const texts = benchCase.contexts.map((context) => renderChat(template, context, { now }).text);
    let tokens = 0;
    const floor = await medianMs(passes, async () => {
      tokens = 0;
      for (const encoding of await native.encodeBatch(texts, { addSpecialTokens: false })) tokens += encoding.getIds().length;
    });
    const render = await medianMs(passes, () => {
      for (const context of benchCase.contexts) renderChat(template, context, { now });
    });
    const [renderTokenize, withOffsets, full] = await medianMsInTurns(passes, [
      () =>
        forEachConcurrent(benchCase.contexts, IN_FLIGHT, async (context) => {
          const { text } = renderChat(template, context, { now });
          (await native.encode(text, null, { addSpecialTokens: false })).getIds();
        }),
      () =>
        forEachConcurrent(benchCase.contexts, IN_FLIGHT, async (context) => {
          const { text } = renderChat(template, context, { now });
          void (await loaded.encode(text)).offsets;
        }),
      () => forEachConcurrent(benchCase.conversations, IN_FLIGHT, (conversation) => applyTrainingTemplate(benchCase, loaded, conversation)),
    ]) as [number, number, number];
    worstPipeline = Math.max(worstPipeline, full / floor);
    worstMasks = Math.max(worstMasks, full / renderTokenize - 1);
    totals.floor += floor;
    totals.full += full;
    totals.renderTokenize += renderTokenize;
    const perConversation = (ms: number) => formatMs((ms / texts.length) * 1000);
    rows.push([
      benchCase.name,
      formatCount(tokens / texts.length),
      perConversation(floor),
      perConversation(render),
      perConversation(renderTokenize),
      perConversation(withOffsets),
      perConversation(full),
      formatRatio(full / floor),
      percent(full / renderTokenize - 1),
      percent(withOffsets / renderTokenize - 1),
    ]);
  }
  return {
    title: "2. Pipeline per conversation vs native tokenization (single thread)",
    intro:
      "Median CPU time per conversation (µs), the binding's threads included. *floor*: the native binding's `encodeBatch` of the already rendered texts " +
      "(ids only, one thread). *render*: `renderChat`. *render + tokenize*: `renderChat`, then the binding's `encode` " +
      "(ids only). *… + all offsets*: the same through our native adapter, reading every token's offsets (made UTF-16), " +
      "which is what masks used to need. *full*: `applyChatTemplate(…, { returnAssistantTokensMask: true })` — render, " +
      `tokenize, masks from the tokens at the span ends (\`charToToken\`, no offsets fetched). The last three keep ${IN_FLIGHT} ` +
      "conversations under way, as `prepare --workers 1` does. *masks* is what full adds on top of render + tokenize; " +
      "*all offsets* is what fetching every token's offsets would add instead.",
    headers: ["case", "tokens", "floor µs", "render µs", "render + tokenize µs", "… + all offsets µs", "full µs", "full / floor", "masks", "all offsets"],
    rows,
    targets: [
      {
        target: `full pipeline ≤ ×${PIPELINE_TARGET} the floor, per conversation, single worker`,
        measured: `${formatRatio(totals.full / totals.floor)} over all cases, worst case ${formatRatio(worstPipeline)}`,
        reached: worstPipeline <= PIPELINE_TARGET,
      },
      {
        target: `masks add under ${MASK_TARGET * 100}% on top of render + tokenize`,
        measured: `${percent(totals.full / totals.renderTokenize - 1)} over all cases, worst case ${percent(worstMasks)}`,
        reached: worstMasks < MASK_TARGET,
      },
    ],
  };
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

async function loadPair(dir: string): Promise<{ loaded: LoadedTokenizer; native: Tokenizer }> {
  const loaded = await loadTokenizer(dir);
  const native = Tokenizer.fromFile(join(dir, "tokenizer.json"));
  native.disableTruncation();
  native.disablePadding();
  return { loaded, native };
}

await runIfMain(import.meta.url, run);
