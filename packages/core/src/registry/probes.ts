import { sampleConversations } from "../conversations/generate.ts";
import { TrainingTemplatesError } from "../errors.ts";
import { buildTemplateContext } from "../render/context.ts";
import { renderChat } from "../render/render-chat.ts";
import type { TrainingTemplate } from "../template-types.ts";
import type { Conversation } from "../types.ts";

/** The seed of the probe conversations: fixed, so a template matches or not the same way on every machine. */
export const PROBE_SEED = 0x7e3a1;
export const PROBE_COUNT = 32;

const probeCache = new Map<string, Conversation[]>();

/** The probe conversations for a variant: the kit's generator, seeded, with the features the variant supports. */
export function probesFor(variant: Pick<TrainingTemplate, "supportsTools">, count = PROBE_COUNT): Conversation[] {
  const key = `${variant.supportsTools}:${count}`;
  let probes = probeCache.get(key);
  if (!probes) {
    probes = sampleConversations({ seed: PROBE_SEED, count, features: { tools: variant.supportsTools, maxTurns: 3 } });
    probeCache.set(key, probes);
  }
  return probes;
}

/** A render's outcome: the text, or the fact that the template rejected or failed on the conversation. */
export type RenderOutcome = { text: string } | { error: string };

/** A fixed clock: probes must render the same on every run, whatever the templates do with `strftime_now`. */
export const PROBE_NOW = () => new Date(2025, 0, 15, 12, 0, 0);

export function renderOutcome(template: string, conversation: Conversation, variant: TrainingTemplate): RenderOutcome {
  try {
    const context = buildTemplateContext(conversation, variant.specialTokens, variant.defaultKwargs);
    return { text: renderChat(template, context, { now: PROBE_NOW, templateName: variant.id }).text };
  } catch (error) {
    if (error instanceof TrainingTemplatesError) return { error: error.message };
    throw error;
  }
}

export function sameOutcome(a: RenderOutcome, b: RenderOutcome): boolean {
  if ("error" in a || "error" in b) return "error" in a && "error" in b;
  return a.text === b.text;
}
