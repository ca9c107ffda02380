import { sampleConversations } from "../../conversations/generate.ts";
import { DerivedMasksError, TemplateLimitError, TrainingTemplatesError } from "../../errors.ts";
import { probeConversations, PROBE_NOW } from "../../registry/probes.ts";
import { buildTemplateContext } from "../../render/context.ts";
import { renderChat, type RenderedChat } from "../../render/render-chat.ts";
import type { Conversation } from "../../types.ts";
import { deriveAssistantSpans, type DeriveSpansOptions } from "../derive-spans.ts";

/** One generated conversation, rendered by the original, with its derived spans when they verify. */
export interface SynthesisCase {
  conversation: Conversation;
  render: (template: string) => RenderedChat;
  /** The original's text, or undefined when the original refuses the conversation. */
  text?: string;
  /** The derived spans, or undefined when they are refused (the template rewrites history for it, …). */
  derived?: ReadonlyArray<readonly [number, number]>;
}

/** The seed of the conversations a synthesized template is verified on: fixed, so synthesis is reproducible. */
export const SYNTHESIS_SEED = 0x5e7a;
export const SYNTHESIS_CONVERSATIONS = 200;

/**
 * The conversations a synthesis is traced and verified on: the probes (every feature a template may write, list
 * content included) and a few hundred more from the kit's generator (tools, reasoning, documents, up to three turns).
 */
export function synthesisCases(original: string, options: DeriveSpansOptions): SynthesisCase[] {
  const conversations = [
    ...probeConversations(),
    ...sampleConversations({ seed: SYNTHESIS_SEED, count: SYNTHESIS_CONVERSATIONS, features: { tools: true, documents: true, maxTurns: 3 } }),
  ];
  const now = options.now ?? PROBE_NOW;
  const templateName = options.templateName ?? "the chat template";
  return conversations.map((conversation) => {
    const context = buildTemplateContext(conversation, options.specialTokens, options.templateKwargs);
    const render = (template: string) => renderChat(template, context, { now, templateName, ...(options.limits ? { limits: options.limits } : {}) });
    let text: string | undefined;
    try {
      text = render(original).text;
    } catch (error) {
      // A render past a limit stops the synthesis: a runaway template would cost seconds per conversation.
      if (!(error instanceof TrainingTemplatesError) || error instanceof TemplateLimitError) throw error;
      return { conversation, render };
    }
    try {
      const derived = deriveAssistantSpans(original, conversation, { ...options, now, templateName });
      return derived.text === text ? { conversation, render, text, derived: derived.spans } : { conversation, render, text };
    } catch (error) {
      if ((!(error instanceof DerivedMasksError) && !(error instanceof TrainingTemplatesError)) || error instanceof TemplateLimitError) throw error;
      return { conversation, render, text };
    }
  });
}
