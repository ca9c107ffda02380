import { InvalidConversationError, UnsupportedTemplateError } from "./errors.ts";
import { checkedMessages } from "./conversations/checked-messages.ts";
import type { ContentBlocksPolicy } from "./conversations/content-blocks.ts";
import { assistantMasksOf, truncateRows, type Truncation } from "./masks.ts";
import type { Registry } from "./registry/registry.ts";
import { selectNamedTemplate } from "./registry/training-template.ts";
import { buildTemplateContext, specialTokensFromConfig, specialTokenTextsFromConfig } from "./render/context.ts";
import { renderChat, type RenderedChat } from "./render/render-chat.ts";
import { planTraining } from "./strategies/plan-training.ts";
import { renderForTraining } from "./strategies/render-for-training.ts";
import type { Strategy, TrainingPlan } from "./strategies/strategy.ts";
import type { RenderLimits } from "./render/render-limits.ts";
import type { TokenizedText, TokenizerLike } from "./tokenizer/types.ts";
import { isDefaultSelection, trainedRanges, type TurnSelection } from "./turns/turn-selection.ts";
import type { ChatMessage, Conversation, Span, ToolDefinition } from "./types.ts";

export interface ApplyChatTemplateOptions {
  tools?: ToolDefinition[];
  documents?: Record<string, unknown>[];
  addGenerationPrompt?: boolean;
  /** The template to render (default: the tokenizer's own `chat_template`). */
  chatTemplate?: string;
  /** Also return `assistant_masks`: 1 for the tokens of `{% generation %}` blocks. */
  returnAssistantTokensMask?: boolean;
  /**
   * Where a template finds its curated training template when masks are asked for. Without a registry (or when no
   * variant matches) masks are derived from the template's own renders, verified per record (see `planTraining`).
   */
  registry?: Registry;
  /**
   * Which turns train, beyond the template's spans: roles (e.g. also `user`), whether the end-of-turn token trains
   * (`turn`, only the `last`, `none`), only the last turn, excluded message indices. Messages with `train: false`
   * never train. Applies to every strategy.
   */
  turns?: TurnSelection;
  /** The decision for the template, when already made (`planTraining`); by default made once per template. */
  plan?: TrainingPlan;
  /**
   * When a curated training template renders other text than the model's template for a record (a difference it
   * does not declare): use the derived masks when they verify (`"derived"`, default), or throw (`"throw"`).
   */
  onMismatch?: "derived" | "throw";
  maxLength?: number;
  truncation?: Truncation;
  /** Extra template variables (`enable_thinking`, `date_string`, …), as transformers' `**kwargs`. */
  templateKwargs?: Record<string, unknown>;
  /** The clock behind `strftime_now`. */
  now?: () => Date;
  /** How errors name the template (e.g. a variant id or a file name). */
  templateName?: string;
  /** Bounds on each render of the template (output length, time, macro depth; see `renderChat`): it is untrusted input. */
  limits?: RenderLimits;
  /** A message's list of content blocks: rendered `"as-is"` (default, as transformers), `"join"`ed, or `"reject"`ed when the template would write it as a Python repr. */
  contentBlocks?: ContentBlocksPolicy;
}

/** Which template was rendered, and why. */
export interface TemplateUsed {
  source: "given" | "tokenizer" | "training-template";
  /** With masks: how this record's spans were obtained (see `Strategy`). */
  strategy?: Strategy;
  /** Set when the library swapped in a training template: its id. */
  trainingTemplateId?: string;
  /** How the original was recognised, when a training template was swapped in (the strategy). */
  matchedBy?: Strategy;
  /** Set when this record did not use the plan's strategy, and why (e.g. the training template's text differed). */
  fallbackReason?: string;
}

export interface ChatTemplateEncoding {
  input_ids: number[];
  attention_mask: number[];
  assistant_masks?: number[];
  /** The rendered text (before truncation). */
  text: string;
  /** The `{% generation %}` spans of `text`, UTF-16 code units. */
  spans: Span[];
  /** Per token, its `[start, end)` in `text`, UTF-16 code units (after truncation, aligned with `input_ids`). */
  offsets: Array<[number, number]>;
  templateUsed: TemplateUsed;
}

/**
 * Renders and tokenizes a conversation as transformers' `apply_chat_template(tokenize=True, return_dict=True)` does
 * (no special tokens added), with `assistant_masks` computed from the true positions of the generation spans.
 * Asked for masks with a template that has no markers, it swaps in the training template (as TRL's SFTTrainer
 * does under `assistant_only_loss=True`) and reports which one in `templateUsed`.
 */
export async function applyChatTemplate(
  tokenizer: TokenizerLike,
  messages: ChatMessage[],
  options: ApplyChatTemplateOptions = {},
): Promise<ChatTemplateEncoding> {
  const rendering = renderForEncoding(tokenizer, messages, options);
  return encodingOf(await tokenizer.encode(rendering.text), rendering, options);
}

/** A conversation rendered and its trained ranges found: all `applyChatTemplate` does before tokenizing. */
export interface ChatRendering {
  text: string;
  spans: Span[];
  templateUsed: TemplateUsed;
  /** With masks: the ranges of `text` that train (the spans, or the turns a turn selection picks). */
  trainedRanges?: readonly Span[];
}

/** Validates, renders and (with masks) finds the trained ranges: everything but tokenizing. Throws as `applyChatTemplate` does. */
export function renderForEncoding(tokenizer: TokenizerLike, messages: ChatMessage[], options: ApplyChatTemplateOptions = {}): ChatRendering {
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new InvalidConversationError("messages", "expected a non-empty list of messages");
  }
  messages = checkedMessages(tokenizer, messages, options);
  const conversation: Conversation = {
    messages,
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.documents ? { documents: options.documents } : {}),
    add_generation_prompt: options.addGenerationPrompt ?? false,
  };
  const { text, spans, templateUsed, renderPrefix, endOfTurn } = renderConversation(tokenizer, conversation, options);
  return {
    text,
    spans,
    templateUsed,
    ...(options.returnAssistantTokensMask ? { trainedRanges: selectedRanges(messages, text, spans, renderPrefix, endOfTurn, options.turns) } : {}),
  };
}

/** The encoding of a rendered conversation once its text is tokenized (`rendering.text`, no special tokens added). */
export function encodingOf(tokenized: TokenizedText, rendering: ChatRendering, options: ApplyChatTemplateOptions = {}): ChatTemplateEncoding {
  const { text, spans, templateUsed, trainedRanges } = rendering;
  const ids = tokenized.ids;
  const rows = {
    input_ids: ids,
    attention_mask: new Array<number>(ids.length).fill(1),
    ...(trainedRanges ? { assistant_masks: assistantMasksOf(tokenized, trainedRanges) } : {}),
  };
  if (options.maxLength !== undefined) {
    return { ...truncateRows({ ...rows, offsets: tokenized.offsets }, options.maxLength, options.truncation ?? "right"), text, spans, templateUsed };
  }
  // Offsets are read only if asked for: masks did not need them, and most callers never look.
  return Object.defineProperty({ ...rows, text, spans, templateUsed }, "offsets", { get: () => tokenized.offsets, enumerable: true }) as ChatTemplateEncoding;
}

/**
 * The ranges that train: the spans, or, under a turn selection (roles, end-of-turn rule, last turn only, messages
 * marked `train: false`), the turns it picks.
 */
function selectedRanges(
  messages: ChatMessage[],
  text: string,
  spans: Span[],
  renderPrefix: (count: number) => string,
  endOfTurn: string | undefined,
  turns: TurnSelection = {},
): readonly Span[] {
  const markedOut = messages.flatMap((message, index) => (message.train === false ? [index] : []));
  const selection: TurnSelection = {
    ...(endOfTurn ? { endOfTurn } : {}),
    ...turns,
    excluded: [...(turns.excluded ?? []), ...markedOut],
  };
  // Empty spans stand for turns left underived (one sample per turn): they train nothing.
  return isDefaultSelection(selection) ? spans.filter(([start, end]) => end > start) : trainedRanges({ messages, text, spans, renderPrefix }, selection);
}

interface RenderedConversation extends RenderedChat {
  templateUsed: TemplateUsed;
  /** The first `count` messages rendered alone, without a generation prompt, as the whole was (for turn selection). */
  renderPrefix: (count: number) => string;
  /** The token that ends a turn: the variant's, else the tokenizer's eos. */
  endOfTurn: string | undefined;
}

function renderConversation(tokenizer: TokenizerLike, conversation: Conversation, options: ApplyChatTemplateOptions): RenderedConversation {
  const source: TemplateUsed["source"] = options.chatTemplate !== undefined ? "given" : "tokenizer";
  const own = options.chatTemplate ?? selectNamedTemplate(tokenizer.config?.chat_template, options.tools !== undefined);
  if (own === undefined) {
    throw new UnsupportedTemplateError(
      `The tokenizer (${tokenizer.kind}) has no chat template and none was given. Pass \`chatTemplate\`, or use a ` +
        `training ChatML template for base models.`,
    );
  }
  const specialTokens = specialTokensFromConfig(tokenizer.config);
  const ownName = options.templateName ?? (source === "given" ? "(given template)" : "(tokenizer's template)");
  const now = options.now ? { now: options.now } : {};
  if (!options.returnAssistantTokensMask) {
    const context = buildTemplateContext(conversation, specialTokens, options.templateKwargs);
    const rendered = renderChat(own, context, { templateName: ownName, ...now, ...(options.limits ? { limits: options.limits } : {}) });
    return { ...rendered, templateUsed: { source }, renderPrefix: () => "", endOfTurn: undefined };
  }
  const closingTokens = specialTokenTextsFromConfig(tokenizer.config);
  const plan =
    options.plan ??
    planTraining(own, { ...(options.registry ? { registry: options.registry } : {}), specialTokens, closingTokens, templateName: ownName });
  const rendered = renderForTraining(plan, conversation, {
    specialTokens,
    closingTokens,
    templateName: ownName,
    ...(options.templateKwargs ? { templateKwargs: options.templateKwargs } : {}),
    ...(options.registry ? { registry: options.registry } : {}),
    ...(options.onMismatch ? { onMismatch: options.onMismatch } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    // Only the last turn trains: derived masks need not (and, where history is rewritten, cannot) place the others.
    ...(options.turns?.lastTurnOnly ? { onlyLastTurn: true } : {}),
    ...now,
  });
  const swapped = plan.trainingTemplate !== undefined && plan.trainingTemplate !== own && rendered.strategy === plan.strategy;
  const templateUsed: TemplateUsed = {
    source: swapped ? "training-template" : source,
    strategy: rendered.strategy,
    ...(swapped && plan.variantId ? { trainingTemplateId: plan.variantId, matchedBy: plan.strategy } : {}),
    ...(rendered.fallbackReason ? { fallbackReason: rendered.fallbackReason } : {}),
  };
  // Prefixes are rendered with the template that rendered the text: the original where masks were derived.
  const rendering = rendered.strategy === "derived" ? plan.original : (plan.trainingTemplate ?? own);
  const renderPrefix = (count: number) =>
    renderChat(rendering, buildTemplateContext({ ...conversation, messages: conversation.messages.slice(0, count), add_generation_prompt: false }, specialTokens, options.templateKwargs), {
      templateName: ownName,
      ...now,
      ...(options.limits ? { limits: options.limits } : {}),
    }).text;
  const variant = plan.variantId ? options.registry?.get(plan.variantId) : undefined;
  return { text: rendered.text, spans: rendered.spans, templateUsed, renderPrefix, endOfTurn: variant?.endOfTurn ?? specialTokens["eos_token"] };
}
