import { sampleConversations } from "../conversations/generate.ts";
import { buildTemplateContext } from "../render/context.ts";
import { tryRender, type RenderOutcome } from "../render/try-render.ts";
import type { TrainingTemplate } from "../template-types.ts";
import type { Conversation } from "../types.ts";

/** The seed of the probe conversations: fixed, so a template matches or not the same way on every machine. */
export const PROBE_SEED = 0x7e3a1;
export const PROBE_COUNT = 32;
/** How many of the probes give content as lists of blocks (text, images, a system prompt in blocks). */
const LIST_CONTENT_PROBES = 8;

let probeCache: Conversation[] | undefined;

/**
 * The probe conversations: the kit's generator, seeded, with every feature a template's text may use (a system
 * prompt, tools listed, tool calls and results, reasoning, documents, several turns, the generation prompt, and
 * content as lists of blocks), whatever the variant supports: two templates that differ on any of them are not the
 * same template.
 */
export function probeConversations(): Conversation[] {
  probeCache ??= [
    ...sampleConversations({ seed: PROBE_SEED, count: PROBE_COUNT, features: { tools: true, documents: true, maxTurns: 3 } }),
    ...sampleConversations({ seed: PROBE_SEED + 1, count: LIST_CONTENT_PROBES, features: { tools: true, media: "mixed", systemPromptBlocks: true, maxTurns: 2 } }),
  ];
  return probeCache;
}

/** A fixed clock: probes must render the same on every run, whatever the templates do with `strftime_now`. */
export const PROBE_NOW = () => new Date(2025, 0, 15, 12, 0, 0);

/**
 * Stand-ins for the special tokens a probe renders with when the tokenizer's are not known: a template that writes
 * `bos_token` then differs from one that does not.
 */
const PLACEHOLDER_TOKENS: Record<string, string> = {
  bos_token: "<probe:bos>",
  eos_token: "<probe:eos>",
  pad_token: "<probe:pad>",
  unk_token: "<probe:unk>",
};

/** The special tokens probes render with: the tokenizer's when known, else the variant's and placeholders. */
export function probeTokens(variant: Pick<TrainingTemplate, "specialTokens">, tokenizerTokens?: Record<string, string>): Record<string, string> {
  return tokenizerTokens ?? { ...PLACEHOLDER_TOKENS, ...variant.specialTokens };
}

export function renderOutcome(template: string, conversation: Conversation, variant: TrainingTemplate, specialTokens = probeTokens(variant)): RenderOutcome {
  const context = buildTemplateContext(conversation, specialTokens, variant.defaultKwargs);
  return tryRender(template, context, { now: PROBE_NOW, templateName: variant.id });
}
