import { checkPrefixPreservation } from "../checks/prefix-preservation.ts";
import { UnsupportedTemplateError } from "../errors.ts";
import { hasGenerationMarkers } from "../render/scan-template.ts";
import type { TrainingTemplate } from "../template-types.ts";
import type { NamedChatTemplate, TokenizerConfig, TokenizerLike } from "../tokenizer/types.ts";
import { detectTemplate, matchFingerprint, type MatchKind } from "./detect.ts";
import type { Registry } from "./registry.ts";

/** What to do about a tokenizer without a chat template: base models train with the ChatML training template. */
export const NO_CHAT_TEMPLATE_MESSAGE =
  "The tokenizer has no chat template (a base model, such as GPT-2, Bloom, OPT or a pretrained checkpoint), so there " +
  "is no original to add generation markers to. Train with the ChatML training template: the `chatml` variant of " +
  "@training-templates/chatml; add its special tokens (<|im_start|>, <|im_end|>, listed in that package's README) to " +
  "the tokenizer and set the eos token to <|im_end|>.";

/** A template string, a `tokenizer_config.json` object, or a loaded tokenizer (its `config`). */
export type TemplateSource = string | TokenizerConfig | Pick<TokenizerLike, "config">;

export interface TrainingTemplateMatch {
  /** The template to train with, in the source's shape: a string, or named templates for a named list. */
  chatTemplate: string | NamedChatTemplate[];
  /** The variant chosen (for named templates: the one replacing `default`). */
  variant: TrainingTemplate;
  matchedBy: MatchKind;
  /** For named templates: the variant of each name. */
  named?: Array<{ name: string; variant: TrainingTemplate; matchedBy: MatchKind }>;
}

/** The tokenizer's template for the call, as transformers picks among named ones (`tool_use` when tools are given). */
export function selectNamedTemplate(chatTemplate: TokenizerConfig["chat_template"], withTools = false): string | undefined {
  if (typeof chatTemplate === "string" || chatTemplate === undefined) return chatTemplate;
  const byName = new Map(chatTemplate.map((entry) => [entry.name, entry.template]));
  return (withTools ? byName.get("tool_use") : undefined) ?? byName.get("default");
}

function chatTemplateOf(source: TemplateSource): string | NamedChatTemplate[] | undefined {
  if (typeof source === "string") return source;
  if ("chat_template" in source) return (source as TokenizerConfig).chat_template;
  return (source as Pick<TokenizerLike, "config">).config?.chat_template;
}

/**
 * The template to train with for `source`, as TRL's `get_training_chat_template` answers it: the training template
 * of the recognised original; `null` when the template already has generation markers and keeps earlier turns
 * unchanged as messages are appended (it can be trained on as it is). Throws `UnsupportedTemplateError` otherwise.
 */
export function getTrainingChatTemplate(source: TemplateSource, options: { registry: Registry }): TrainingTemplateMatch | null {
  const chatTemplate = chatTemplateOf(source);
  if (chatTemplate === undefined || chatTemplate === null || chatTemplate === "") {
    throw new UnsupportedTemplateError(NO_CHAT_TEMPLATE_MESSAGE);
  }
  if (typeof chatTemplate === "string") return matchOne(chatTemplate, options.registry, "the chat template");
  const named = chatTemplate.map((entry) => ({ entry, match: matchOne(entry.template, options.registry, `the "${entry.name}" chat template`) }));
  if (named.every(({ match }) => match === null)) return null;
  const resolved = named.map(({ entry, match }) => {
    if (match === null) {
      throw new UnsupportedTemplateError(
        `The "${entry.name}" chat template already has generation markers while its siblings need training templates: mixed lists are not supported.`,
      );
    }
    return { name: entry.name, variant: match.variant, matchedBy: match.matchedBy };
  });
  const primary = resolved.find((entry) => entry.name === "default") ?? resolved[0]!;
  return {
    chatTemplate: resolved.map(({ name, variant }) => ({ name, template: variant.template })),
    variant: primary.variant,
    matchedBy: primary.matchedBy,
    named: resolved,
  };
}

function matchOne(template: string, registry: Registry, templateName: string): (TrainingTemplateMatch & { chatTemplate: string }) | null {
  if (hasGenerationMarkers(template)) {
    const known = registry.variants.find((variant) => variant.template === template);
    if (known) return null;
    // A vendor template whose own markers are wrong (they train the role header, say): its variant corrects them.
    const corrected = matchFingerprint(template, registry);
    if (corrected) return { chatTemplate: corrected.variant.template, ...corrected };
    const prefix = checkPrefixPreservation(template);
    if (prefix.ok) return null;
    throw new UnsupportedTemplateError(
      `${templateName} has generation markers but is not prefix-preserving (${prefix.detail}), so the masks of earlier ` +
        `turns would not match what the model saw. Fix the template or remove the markers to use a known training template.`,
    );
  }
  const { variant, matchedBy } = detectTemplate(template, registry, templateName);
  return { chatTemplate: variant.template, variant, matchedBy };
}
