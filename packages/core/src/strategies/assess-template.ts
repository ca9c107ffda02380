import { DerivedMasksError, TemplateLimitError, TrainingTemplatesError } from "../errors.ts";
import { buildTemplateContext } from "../render/context.ts";
import { renderChat } from "../render/render-chat.ts";
import { probeConversations, PROBE_NOW } from "../registry/probes.ts";
import type { Conversation } from "../types.ts";
import { describeSpanDisagreement } from "./compare-spans.ts";
import { deriveAssistantSpans, type DeriveSpansOptions } from "./derive-spans.ts";

/** What the probe conversations show of a template's derived masks (and of its own markers, if it has them). */
export interface TemplateAssessment {
  /** Derived masks verified on at least one probe, and the template varies with the assistant's content. */
  ok: boolean;
  /** Probe conversations whose derived spans verified. */
  verified: number;
  probes: number;
  /** When not ok: why, in words. When ok: what was verified. */
  detail: string;
  /** For a template with markers: the first way its spans differ from the derived ones, if any. */
  markerDisagreement?: string;
  /** Set when the template rewrites history on some probe (their records are refused): the first such refusal. */
  historyRewritten?: string;
}

const CHANGED_REPLY = "A different reply, to see that the template writes the assistant's content.";

/**
 * Derives the masks of every probe conversation from `template`'s own renders and reports whether that works: a
 * template that raises on every conversation, renders nothing of the assistant's messages, or never varies with
 * their content is refused with the reason. With `compareMarkers`, also compares the template's own generation spans
 * with the derived ones.
 */
export function assessTemplate(template: string, options: DeriveSpansOptions & { compareMarkers?: boolean } = {}): TemplateAssessment {
  const probes = probeConversations();
  const deriveOptions: DeriveSpansOptions = { now: PROBE_NOW, ...options };
  let verified = 0;
  let firstRenderError: string | undefined;
  let firstRefusal: string | undefined;
  let markerDisagreement: string | undefined;
  let historyRewritten: string | undefined;
  let variedOn: Conversation | undefined;
  for (const probe of probes) {
    let derived;
    try {
      derived = deriveAssistantSpans(template, probe, deriveOptions);
    } catch (error) {
      // Past a render limit (it never ends, say), every probe would cost the limit again: one is enough to refuse.
      if (error instanceof TemplateLimitError) return { ok: false, verified, probes: probes.length, detail: `it exceeds a render limit on a probe conversation (${error.message})` };
      if (error instanceof DerivedMasksError) firstRefusal ??= error.message;
      if (error instanceof DerivedMasksError && error.refusal === "history-rewritten") historyRewritten ??= error.message;
      else if (error instanceof TrainingTemplatesError) firstRenderError ??= error.message;
      else throw error;
      continue;
    }
    verified++;
    if (!variedOn && derived.spans.length > 0) variedOn = probe;
    if (options.compareMarkers && markerDisagreement === undefined) {
      const marked = renderChat(template, buildTemplateContext(probe, options.specialTokens, options.templateKwargs), { now: deriveOptions.now! });
      markerDisagreement = describeSpanDisagreement(derived.text, marked.spans, derived.spans);
    }
  }
  const base = { verified, probes: probes.length, ...(markerDisagreement ? { markerDisagreement } : {}), ...(historyRewritten ? { historyRewritten } : {}) };
  if (verified === 0) {
    const detail = firstRefusal
      ? `derived masks verify on none of the ${probes.length} probe conversations (first: ${firstRefusal})`
      : `it raises on every probe conversation (first: ${firstRenderError ?? "no conversation rendered"})`;
    return { ok: false, ...base, detail };
  }
  if (!variedOn) {
    const detail = firstRefusal
      ? `derived masks verify on no probe conversation with an assistant turn (first: ${firstRefusal})`
      : `it renders no assistant turn on any of the ${probes.length} probe conversations`;
    return { ok: false, ...base, detail };
  }
  if (!variesWithReply(template, variedOn, deriveOptions)) {
    return { ok: false, ...base, detail: "it renders the same text whatever the assistant's messages say, so there is nothing of theirs to train" };
  }
  return { ok: true, ...base, detail: `derived masks verified on ${verified}/${probes.length} probe conversations` };
}

/** Whether changing the assistant messages' content changes the render. */
function variesWithReply(template: string, conversation: Conversation, options: DeriveSpansOptions): boolean {
  const render = (c: Conversation) => renderChat(template, buildTemplateContext(c, options.specialTokens, options.templateKwargs), { now: options.now! }).text;
  const changed: Conversation = {
    ...conversation,
    messages: conversation.messages.map((message) => (message.role === "assistant" ? { ...message, content: CHANGED_REPLY } : message)),
  };
  try {
    return render(changed) !== render(conversation);
  } catch {
    // The changed conversation is refused: the template reads the content, so it varies with it.
    return true;
  }
}
