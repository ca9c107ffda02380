import { sampleConversations } from "../conversations/generate.ts";
import { buildTemplateContext } from "../render/context.ts";
import { tryRender, type RenderOutcome } from "../render/try-render.ts";
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

/** A fixed clock: probes must render the same on every run, whatever the templates do with `strftime_now`. */
export const PROBE_NOW = () => new Date(2025, 0, 15, 12, 0, 0);

export function renderOutcome(template: string, conversation: Conversation, variant: TrainingTemplate): RenderOutcome {
  const context = buildTemplateContext(conversation, variant.specialTokens, variant.defaultKwargs);
  return tryRender(template, context, { now: PROBE_NOW, templateName: variant.id });
}
