// Section 6, what each way of finding the masks costs per conversation, rendering only (tokenizing is the same for
// all): the curated training template alone (the baseline), the same with the per-record check against the
// model's original (what `prepare` does for a recognised template), the masks derived from the original's prefix
// renders, and a synthesized training template. Ratios against the baseline, in one run.
import { readFileSync } from "node:fs";
import { registry } from "@training-templates/all";
import { deriveAssistantSpans, planTraining, renderChat, renderForTraining, specialTokenTextsFromConfig, type TrainingPlan } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { formatMs, formatRatio, medianMsInTurns, passesFor, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { benchCases, now } from "./corpus.ts";

/** The corpus original each bench family's variant replaces. */
const ORIGINALS: Record<string, string> = {
  "qwen-3": "qwen__3.jinja",
  "llama-3.1": "llama__3.1.jinja",
  "gemma-3": "gemma__3.jinja",
  "gpt-oss-20b": "gpt-oss__20b.jinja",
};

export async function run(options: BenchOptions): Promise<BenchSection> {
  const passes = passesFor(options);
  const rows: string[][] = [];
  const totals = { curated: 0, checked: 0, derived: 0, synthesized: 0 };
  for (const benchCase of benchCases(options)) {
    const { variant, conversations, contexts, tokenizerDir } = benchCase;
    const original = readFileSync(originalTemplatePath(ORIGINALS[variant.id]!), "utf8");
    const config = JSON.parse(readFileSync(`${tokenizerDir}tokenizer_config.json`, "utf8")) as Record<string, unknown>;
    const tokens = { specialTokens: variant.specialTokens, closingTokens: [variant.endOfTurn, ...specialTokenTextsFromConfig(config)], now };
    const kwargs = variant.defaultKwargs ? { templateKwargs: variant.defaultKwargs } : {};
    const checkedPlan: TrainingPlan = { strategy: "fingerprint", original, trainingTemplate: variant.template, variantId: variant.id };
    // Synthesized from the original as a template no variant knows; where none can be made the row says so.
    const synthesized = planTraining(original, { specialTokens: variant.specialTokens, closingTokens: tokens.closingTokens, ...kwargs });
    // Derived masks refuse conversations whose history the template rewrites: time the ones they accept.
    const derivable = conversations.filter((conversation) => {
      try {
        deriveAssistantSpans(original, conversation, { ...tokens, ...kwargs });
        return true;
      } catch {
        return false;
      }
    });
    const [curated, checked, derived, synthesizedMs] = (await medianMsInTurns(passes, [
      () => contexts.forEach((context) => renderChat(variant.template, context, { now })),
      () => conversations.forEach((conversation) => renderForTraining(checkedPlan, conversation, { ...tokens, ...kwargs, registry })),
      () => derivable.forEach((conversation) => deriveAssistantSpans(original, conversation, { ...tokens, ...kwargs })),
      () => (synthesized.trainingTemplate ? contexts.forEach((context) => renderChat(synthesized.trainingTemplate!, context, { now })) : undefined),
    ])) as [number, number, number, number];
    const perConversation = (ms: number, count: number) => formatMs((ms / Math.max(1, count)) * 1000);
    const derivedPer = derived / Math.max(1, derivable.length);
    const curatedPer = curated / conversations.length;
    totals.curated += curated;
    totals.checked += checked;
    totals.derived += derivedPer * conversations.length;
    if (synthesized.trainingTemplate) totals.synthesized += synthesizedMs;
    rows.push([
      benchCase.name,
      perConversation(curated, conversations.length),
      `${perConversation(checked, conversations.length)} (${formatRatio(checked / curated)})`,
      derivable.length > 0 ? `${perConversation(derived, derivable.length)} (${formatRatio(derivedPer / curatedPer)}; ${derivable.length}/${conversations.length} accepted)` : "refused: the template rewrites history",
      synthesized.trainingTemplate ? `${perConversation(synthesizedMs, conversations.length)} (${formatRatio(synthesizedMs / curated)})` : `none: ${synthesized.strategy}`,
    ]);
  }
  return {
    title: "6. What each strategy costs to render (per conversation, single thread)",
    intro:
      "CPU µs per conversation to render with spans, before tokenizing: the curated training template alone, the same with " +
      "the per-record text check against the model's original (`prepare`'s fingerprint/behaviour path), masks derived " +
      "from the original's prefix renders (1 + 2 renders per assistant turn), and a template synthesized from the original.",
    headers: ["case", "curated template (µs)", "with the text check", "derived masks", "synthesized template"],
    rows,
    notes: [
      `Over all cases: the text check costs ${formatRatio(totals.checked / totals.curated)} the curated render alone, derived masks ` +
        `${formatRatio(totals.derived / totals.curated)}. Rendering is a small share of the pipeline (section 2), so the text check adds ` +
        "far less than its render ratio to `prepare`; derived masks grow with the number of assistant turns.",
    ],
  };
}

await runIfMain(import.meta.url, run);
