import { InvalidConversationError, UnsupportedTemplateError } from "./errors.ts";
import { checkedMessages } from "./conversations/checked-messages.ts";
import type { ContentBlocksPolicy } from "./conversations/content-blocks.ts";
import { assistantMasksOf, truncateRows, type Truncation } from "./masks.ts";
import { matchFingerprint, type MatchKind } from "./registry/detect.ts";
import type { Registry } from "./registry/registry.ts";
import { getTrainingChatTemplate, selectNamedTemplate } from "./registry/training-template.ts";
import { buildTemplateContext, specialTokensFromConfig } from "./render/context.ts";
import { renderChat } from "./render/render-chat.ts";
import { hasGenerationMarkers } from "./render/scan-template.ts";
import type { RenderLimits } from "./render/render-limits.ts";
import type { TokenizerLike } from "./tokenizer/types.ts";
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
   * Where a template without generation markers finds its training template when masks are asked for. Without a
   * registry such a template is an error, since its masks would be all zeros.
   */
  registry?: Registry;
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
  /** Set when the library swapped in a training template: its id and how the original was recognised. */
  trainingTemplateId?: string;
  matchedBy?: MatchKind;
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
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new InvalidConversationError("messages", "expected a non-empty list of messages");
  }
  messages = checkedMessages(tokenizer, messages, options);
  const { template, templateUsed } = chooseTemplate(tokenizer, options);
  const conversation: Conversation = {
    messages,
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.documents ? { documents: options.documents } : {}),
    add_generation_prompt: options.addGenerationPrompt ?? false,
  };
  const context = buildTemplateContext(conversation, specialTokensFromConfig(tokenizer.config), options.templateKwargs);
  const templateName =
    options.templateName ?? templateUsed.trainingTemplateId ?? (templateUsed.source === "given" ? "(given template)" : "(tokenizer's template)");
  const { text, spans } = renderChat(template, context, {
    templateName,
    ...(options.now ? { now: options.now } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const tokenized = await tokenizer.encode(text);
  const ids = tokenized.ids;
  const rows = {
    input_ids: ids,
    attention_mask: new Array<number>(ids.length).fill(1),
    ...(options.returnAssistantTokensMask ? { assistant_masks: assistantMasksOf(tokenized, spans) } : {}),
  };
  if (options.maxLength !== undefined) {
    return { ...truncateRows({ ...rows, offsets: tokenized.offsets }, options.maxLength, options.truncation ?? "right"), text, spans, templateUsed };
  }
  // Offsets are read only if asked for: masks did not need them, and most callers never look.
  return Object.defineProperty({ ...rows, text, spans, templateUsed }, "offsets", { get: () => tokenized.offsets, enumerable: true }) as ChatTemplateEncoding;
}

function chooseTemplate(tokenizer: TokenizerLike, options: ApplyChatTemplateOptions): { template: string; templateUsed: TemplateUsed } {
  const source: TemplateUsed["source"] = options.chatTemplate !== undefined ? "given" : "tokenizer";
  const own = options.chatTemplate ?? selectNamedTemplate(tokenizer.config?.chat_template, options.tools !== undefined);
  if (own === undefined) {
    throw new UnsupportedTemplateError(
      `The tokenizer (${tokenizer.kind}) has no chat template and none was given. Pass \`chatTemplate\`, or use a ` +
        `training ChatML template for base models.`,
    );
  }
  if (!options.returnAssistantTokensMask) return { template: own, templateUsed: { source } };
  if (hasGenerationMarkers(own)) {
    // A vendor template whose own markers are known to be wrong is swapped for its corrected variant (a fingerprint
    // lookup: cheap enough for every record); any other marked template is used as it is.
    const corrected = options.registry ? matchFingerprint(own, options.registry) : undefined;
    if (!corrected || corrected.variant.template === own) return { template: own, templateUsed: { source } };
    return {
      template: corrected.variant.template,
      templateUsed: { source: "training-template", trainingTemplateId: corrected.variant.id, matchedBy: corrected.matchedBy },
    };
  }
  if (!options.registry) {
    throw new UnsupportedTemplateError(
      `The ${source === "given" ? "given" : "tokenizer's"} chat template has no {% generation %} markers, so its assistant ` +
        `masks would be all zeros. Pass \`registry\` (e.g. from @training-templates/all) to swap in the training template.`,
    );
  }
  const match = getTrainingChatTemplate(own, { registry: options.registry });
  if (match === null) return { template: own, templateUsed: { source } };
  return {
    template: match.chatTemplate as string,
    templateUsed: { source: "training-template", trainingTemplateId: match.variant.id, matchedBy: match.matchedBy },
  };
}
