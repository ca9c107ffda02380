import { DerivedMasksError, TemplateMismatchError, TrainingTemplatesError } from "../errors.ts";
import type { Registry } from "../registry/registry.ts";
import { buildTemplateContext } from "../render/context.ts";
import { renderChat, type RenderedChat } from "../render/render-chat.ts";
import { rendersSameText } from "../render/same-text.ts";
import type { OriginalPatch, TrainingTemplate } from "../template-types.ts";
import type { Conversation } from "../types.ts";
import { deriveAssistantSpans, type DeriveSpansOptions } from "./derive-spans.ts";
import type { Strategy, TrainingPlan } from "./strategy.ts";
import { VARIANT_STRATEGIES } from "./strategy.ts";
import { turnSpans } from "./synthesize/turn-spans.ts";
import { commonPrefixLength, describeTextDifference } from "./text-difference.ts";

export interface RenderForTrainingOptions extends DeriveSpansOptions {
  /** The registry the plan's variant comes from (its declared text differences are read from it). */
  registry?: Registry;
  /**
   * When a curated training template renders other text than the original for this record (a difference it does
   * not declare): `"derived"` (default) uses the masks derived from the original's renders when they verify, else
   * throws; `"throw"` always throws `TemplateMismatchError`.
   */
  onMismatch?: "derived" | "throw";
}

/** A record rendered for training: the text the model trains on, its spans, and how they were obtained. */
export interface TrainingRender extends RenderedChat {
  strategy: Strategy;
  /** Set when this record did not use the plan's strategy: why (e.g. the curated template's text differed). */
  fallbackReason?: string;
}

/**
 * Renders one conversation as `plan` says, and proves the text is what the model's own template renders: a curated
 * variant's text is compared with the original's for every record (a difference it does not declare uses derived
 * masks when they verify, else throws `TemplateMismatchError` naming the variant and the first differing position).
 */
export function renderForTraining(plan: TrainingPlan, conversation: Conversation, options: RenderForTrainingOptions = {}): TrainingRender {
  const templateName = plan.variantId ?? options.templateName ?? "(the chat template)";
  // One context per record: every render of it (the original, the training template, a patched original) reads the
  // same variables, and renders do not change them.
  let context: Record<string, unknown> | undefined;
  const render = (template: string, name: string) =>
    renderChat(template, (context ??= buildTemplateContext(conversation, options.specialTokens, options.templateKwargs)), {
      templateName: name,
      ...(options.now ? { now: options.now } : {}),
      ...(options.limits ? { limits: options.limits } : {}),
    });
  if (plan.strategy === "derived" || !plan.trainingTemplate) {
    return { ...deriveAssistantSpans(plan.original, conversation, { ...options, templateName: options.templateName ?? templateName }), strategy: "derived" };
  }
  if (plan.strategy === "synthesized") return renderSynthesized(plan, conversation, options, render);
  if (!VARIANT_STRATEGIES.has(plan.strategy)) return { ...render(plan.trainingTemplate, templateName), strategy: plan.strategy };
  const checked = renderAgainstOriginal(plan.trainingTemplate, templateName, plan.original, options, render);
  if ("same" in checked) return { ...checked.same, strategy: plan.strategy };
  const { original, training, trainingError } = checked;
  const variant = plan.variantId ? options.registry?.get(plan.variantId) : undefined;
  // The variant's test sees the kwargs the record renders with (`preserve_thinking: false` changes what differs).
  const asRendered: Conversation = options.templateKwargs
    ? { ...conversation, chat_template_kwargs: { ...conversation.chat_template_kwargs, ...options.templateKwargs } }
    : conversation;
  if (training && variant?.textDiffersFromOriginal?.(asRendered)) {
    const expected = patchedOriginalText(plan.original, variant, (template) => render(template, `${templateName} (patched original)`).text);
    if (expected === undefined || expected === training.text) return { ...training, strategy: plan.strategy };
    return mismatch(plan, conversation, options, expected, training.text, `${templateName}'s declared differences (its patches of the original) do not account for this record's text: ${describeTextDifference("the patched original", expected, "the training template", training.text)}`);
  }
  const detail = training
    ? describeTextDifference("the original", original.text, "the training template", training.text)
    : `the original renders the conversation, but the training template fails: ${(trainingError as Error).message}`;
  return mismatch(plan, conversation, options, original.text, training?.text ?? "", detail);
}

/**
 * A synthesized template is the original with markers, proven on generated conversations; each record's text is
 * still compared with the original's (an expression cut in two prints the same text only when its operands are
 * strings), and its spans are given one per assistant turn, as the derived spans are (see `turnSpans`).
 */
function renderSynthesized(
  plan: TrainingPlan,
  conversation: Conversation,
  options: RenderForTrainingOptions,
  render: (template: string, name: string) => RenderedChat,
): TrainingRender {
  const checked = renderAgainstOriginal(plan.trainingTemplate!, `${options.templateName ?? "the chat template"} (synthesized training template)`, plan.original, options, render);
  if ("same" in checked) return { text: checked.same.text, spans: turnSpans(plan.trainingTemplate!, checked.same.spans), strategy: "synthesized" };
  const { original, training, trainingError } = checked;
  const detail = training
    ? describeTextDifference("the original", original.text, "the synthesized training template", training.text)
    : `the original renders the conversation, but the synthesized training template fails: ${(trainingError as Error).message}`;
  return mismatch(plan, conversation, options, original.text, training?.text ?? "", detail);
}

/** A training template's render of a record, checked against the original's: the same text, or both renders. */
type CheckedRender = { same: RenderedChat } | { original: RenderedChat; training?: RenderedChat; trainingError?: unknown };

/**
 * Renders the record with the training template and proves its text is the original's: by the templates alone where
 * the training template only adds markers (`rendersSameText`, one render), else by rendering the original too. The
 * original renders first, so a conversation the model's own template refuses is refused whatever the training
 * template does, with the original's error; a training template that fails is reported beside the original's text.
 */
function renderAgainstOriginal(
  training: string,
  trainingName: string,
  original: string,
  options: RenderForTrainingOptions,
  render: (template: string, name: string) => RenderedChat,
): CheckedRender {
  if (rendersSameText(training, original)) {
    try {
      return { same: render(training, trainingName) };
    } catch (error) {
      // Rendered again the long way below: the error is then the original's.
      if (!(error instanceof TrainingTemplatesError)) throw error;
    }
  }
  const originalRender = render(original, options.templateName ?? "(the model's chat template)");
  try {
    const trainingRender = render(training, trainingName);
    return trainingRender.text === originalRender.text ? { same: trainingRender } : { original: originalRender, training: trainingRender };
  } catch (error) {
    if (!(error instanceof TrainingTemplatesError)) throw error;
    return { original: originalRender, trainingError: error };
  }
}

function mismatch(plan: TrainingPlan, conversation: Conversation, options: RenderForTrainingOptions, expected: string, actual: string, detail: string): TrainingRender {
  const variantId = plan.variantId ?? plan.strategy;
  const position = commonPrefixLength(expected, actual);
  if (options.onMismatch === "throw") throw new TemplateMismatchError(variantId, position, detail);
  try {
    const derived = deriveAssistantSpans(plan.original, conversation, { ...options, templateName: options.templateName ?? "(the model's chat template)" });
    return { ...derived, strategy: "derived", fallbackReason: `the training template ${variantId} renders different text (${detail})` };
  } catch (error) {
    if (!(error instanceof DerivedMasksError)) throw error;
    throw new TemplateMismatchError(variantId, position, `${detail}; and ${error.message}`);
  }
}

/**
 * The text the original renders with the variant's patches applied, when each patch applies exactly once to this
 * original; undefined when they do not apply (another revision of the template): the declaration alone then stands.
 */
function patchedOriginalText(original: string, variant: TrainingTemplate, render: (template: string) => string): string | undefined {
  const patches: readonly OriginalPatch[] = variant.originalPatches ?? [];
  if (patches.length === 0) return undefined;
  let patched = original;
  for (const patch of patches) {
    const at = patched.indexOf(patch.find);
    if (at === -1 || patched.indexOf(patch.find, at + 1) !== -1) return undefined;
    patched = patched.slice(0, at) + patch.replace + patched.slice(at + patch.find.length);
  }
  return render(patched);
}
