import { registry } from "@training-templates/all";
import {
  NO_CHAT_TEMPLATE_MESSAGE,
  planTraining,
  specialTokensFromConfig,
  specialTokenTextsFromConfig,
  type NamedChatTemplate,
  type TrainingPlan,
} from "@training-templates/core";
import { CliError, messageOf } from "./cli-error.ts";
import { describeTemplateOrigin, templatePlacesChecked, type LoadedTokenizer } from "./tokenizer-dir.ts";

/** The plan for each of a tokenizer's templates: one, or one per name. */
export type TemplatePlans = TrainingPlan | Array<{ name: string; plan: TrainingPlan }>;

export interface ResolvedTemplate {
  /**
   * The template(s) that render each record's spans, in the tokenizer's shape (one string, or named templates): the
   * curated training template where one is used, else the tokenizer's own.
   */
  chatTemplate: string | NamedChatTemplate[];
  /** How each of the tokenizer's templates is trained (see `Strategy`). */
  plans: TemplatePlans;
  /** For messages: which template this is and why, e.g. `training template qwen-3 (strategy fingerprint)`. */
  description: string;
  /** How per-record errors name the template: the variant id, or `the tokenizer's template`. */
  name: string;
}

/**
 * The plan for a template given by the user or the tokenizer: a curated variant, its own verified markers, or masks
 * derived from its renders. Decided once per run: it renders dozens of probe conversations.
 */
export function planFor(template: string, tokenizer: LoadedTokenizer, templateName: string): TrainingPlan {
  return planTraining(template, {
    registry,
    specialTokens: specialTokensFromConfig(tokenizer.config),
    closingTokens: specialTokenTextsFromConfig(tokenizer.config),
    templateName,
  });
}

/** How a plan is described in messages and `summary.json`. */
export function describePlan(plan: TrainingPlan): string {
  const note = plan.note ? `: ${plan.note}` : "";
  switch (plan.strategy) {
    case "fingerprint":
    case "normalized":
    case "behaviour":
      return `training template ${plan.variantId} (matched by ${plan.strategy})`;
    case "training-template":
      return `training template ${plan.variantId} (the template is that training template)`;
    case "vendor-markers":
      return `its own generation markers, as they are (strategy vendor-markers${note})`;
    case "synthesized":
      return `a training template synthesized from it (strategy synthesized${note})`;
    case "derived":
      return `masks derived from its own renders (strategy derived${note})`;
  }
}

/**
 * The plans for a loaded tokenizer's own template(s). Throws `CliError` NO_TRAINING_TEMPLATE with the library's
 * exact reason when no masks can be verified.
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
  try {
    if (typeof own === "string") {
      const plan = planFor(own, tokenizer, "the chat template");
      const description = plan.variantId ? describePlan(plan) : `the tokenizer's own chat template: ${describePlan(plan)}`;
      return { chatTemplate: plan.trainingTemplate ?? own, plans: plan, description, name: plan.variantId ?? "(the tokenizer's template)" };
    }
    const named = own.map((entry) => ({ name: entry.name, plan: planFor(entry.template, tokenizer, `the "${entry.name}" chat template`) }));
    const primary = named.find((entry) => entry.name === "default") ?? named[0]!;
    return {
      chatTemplate: named.map(({ name, plan }) => ({ name, template: plan.trainingTemplate ?? plan.original })),
      plans: named,
      description: `templates ${named.map(({ name, plan }) => `${name}: ${describePlan(plan)}`).join(", ")}`,
      name: primary.plan.variantId ?? "(the tokenizer's template)",
    };
  } catch (error) {
    if ((error as { code?: unknown }).code !== "UNSUPPORTED_TEMPLATE") throw error;
    const origin = await describeTemplateOrigin(tokenizer.dir);
    throw new CliError("NO_TRAINING_TEMPLATE", `no masks can be verified for the tokenizer in ${tokenizer.dir} (checked ${origin}): ${messageOf(error)}`, {
      cause: error,
    });
  }
}
