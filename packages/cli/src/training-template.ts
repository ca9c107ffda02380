import { registry } from "@training-templates/all";
import { getTrainingChatTemplate, NO_CHAT_TEMPLATE_MESSAGE, type NamedChatTemplate, type TrainingTemplateMatch } from "@training-templates/core";
import { CliError, messageOf } from "./cli-error.ts";
import { describeTemplateOrigin, templatePlacesChecked, type LoadedTokenizer } from "./tokenizer-dir.ts";

export interface ResolvedTemplate {
  /** The template(s) to train with, in the tokenizer's shape: one string, or named templates. */
  chatTemplate: string | NamedChatTemplate[];
  /** For messages: which template this is and why, e.g. `training template qwen-3 (matched by fingerprint)`. */
  description: string;
  /** How per-record errors name the template: the variant id, or `the tokenizer's template`. */
  name: string;
}

/**
 * The template to train with for a loaded tokenizer: the training template of its recognised original, or its own
 * when that already has generation markers and is prefix-preserving. Resolved once per run: recognising a template
 * by behaviour renders dozens of probe conversations, too much to repeat for every record.
 */
export async function resolveTrainingTemplate(tokenizer: LoadedTokenizer): Promise<ResolvedTemplate> {
  const own = tokenizer.config.chat_template;
  if (own === undefined || own === "" || (Array.isArray(own) && own.length === 0)) {
    throw new CliError(
      "NO_CHAT_TEMPLATE",
      `the tokenizer in ${tokenizer.dir} has no chat template (${templatePlacesChecked(tokenizer.dir)}). ` +
        `${NO_CHAT_TEMPLATE_MESSAGE} With mask, pass it as --template FILE.`,
    );
  }
  let match: TrainingTemplateMatch | null;
  try {
    match = getTrainingChatTemplate(tokenizer, { registry });
  } catch (error) {
    if ((error as { code?: unknown }).code !== "UNSUPPORTED_TEMPLATE") throw error;
    const origin = await describeTemplateOrigin(tokenizer.dir);
    throw new CliError("NO_TRAINING_TEMPLATE", `no training template for the tokenizer in ${tokenizer.dir} (checked ${origin}): ${messageOf(error)}`, {
      cause: error,
    });
  }
  if (match === null) {
    return { chatTemplate: own, description: "the tokenizer's own chat template (it already has generation markers)", name: "(the tokenizer's template)" };
  }
  return { chatTemplate: match.chatTemplate, description: describeMatch(match), name: match.variant.id };
}

function describeMatch(match: TrainingTemplateMatch): string {
  if (!match.named) return `training template ${match.variant.id} (matched by ${match.matchedBy})`;
  const names = match.named.map(({ name, variant, matchedBy }) => `${name}: ${variant.id} (matched by ${matchedBy})`);
  return `training templates ${names.join(", ")}`;
}
