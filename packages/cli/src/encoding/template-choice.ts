import { readFile } from "node:fs/promises";
import type { Writable } from "node:stream";
import { hasGenerationMarkers, selectNamedTemplate, UnsupportedTemplateError, type NamedChatTemplate, type TrainingPlan } from "@training-templates/core";
import { CliError, messageOf } from "../cli-error.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import { openTokenizerOption } from "../tokenizer-option.ts";
import { describePlan, planFor, resolveTrainingTemplate, type TemplatePlans } from "../training-template.ts";

export const AUTO_TEMPLATE = "auto";

/**
 * The template a run renders with, decided once before the first record. Plain data: worker threads get it as it
 * is instead of recognising the template again (that renders dozens of probe conversations).
 */
export interface TemplateChoice {
  /** For messages, e.g. `training template qwen-3 (strategy fingerprint)`. */
  description: string;
  /** How per-record errors name the template. */
  name: string;
  /** What renders each record's spans: the curated training template(s) where used, else the template itself. */
  chatTemplate: string | NamedChatTemplate[];
  /** How each template is trained: the plan `applyChatTemplate` follows for every record. */
  plans: TemplatePlans;
}

/** `auto`: the training template for the tokenizer's own; otherwise a file holding a template with markers. */
export async function chooseTemplate(option: string, tokenizer: LoadedTokenizer): Promise<TemplateChoice> {
  if (option !== AUTO_TEMPLATE) return templateFromFile(option, tokenizer);
  return resolveTrainingTemplate(tokenizer);
}

/** `--tokenizer` opened and `--template` chosen, as the record commands start; says on stderr which template is used. */
export async function openTokenizerAndTemplate(
  values: Parameters<typeof openTokenizerOption>[0] & { template: string },
  usage: string,
  stderr: Writable,
): Promise<{ tokenizer: LoadedTokenizer; choice: TemplateChoice }> {
  const tokenizer = await openTokenizerOption(values, usage, stderr);
  const choice = await chooseTemplate(values.template, tokenizer);
  stderr.write(`using ${choice.description}\n`);
  return { tokenizer, choice };
}

/** The template for one record: named lists pick `tool_use` for records with tools, as transformers does. */
export function templateFor(choice: TemplateChoice, withTools: boolean): string | undefined {
  return selectNamedTemplate(choice.chatTemplate, withTools);
}

/** The plan for one record, picked as `templateFor` picks its template. */
export function planOf(choice: TemplateChoice, withTools: boolean): TrainingPlan | undefined {
  const { plans } = choice;
  if (!Array.isArray(plans)) return plans;
  const byName = new Map(plans.map((entry) => [entry.name, entry.plan]));
  return (withTools ? byName.get("tool_use") : undefined) ?? byName.get("default");
}

/** Every template text of the choice (one, or one per name). */
export function templatesOf(choice: TemplateChoice): string[] {
  return typeof choice.chatTemplate === "string" ? [choice.chatTemplate] : choice.chatTemplate.map((entry) => entry.template);
}

async function templateFromFile(path: string, tokenizer: LoadedTokenizer): Promise<TemplateChoice> {
  let template: string;
  try {
    template = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await readFile(path));
  } catch (error) {
    throw new CliError("TEMPLATE_FILE", `cannot read the template ${path}: ${messageOf(error)}`, { cause: error });
  }
  if (!hasGenerationMarkers(template)) {
    throw new CliError(
      "TEMPLATE_FILE",
      `the template ${path} has no {% generation %} markers, so every assistant mask would be all zeros. ` +
        "Use --template auto, or get a training template with `training-templates template --tokenizer DIR`.",
    );
  }
  // Its markers are verified like a vendor's: used when they agree with the derived spans, else masks are derived.
  let plan: TrainingPlan;
  try {
    plan = planFor(template, tokenizer, path);
  } catch (error) {
    if (!(error instanceof UnsupportedTemplateError)) throw error;
    throw new CliError("TEMPLATE_FILE", `the template ${path} cannot be trained on: ${error.message}`, { cause: error });
  }
  const description = plan.strategy === "vendor-markers" ? `the template in ${path}, as is (${plan.note})` : `the template in ${path}: ${describePlan(plan)}`;
  return { description, name: path, chatTemplate: plan.trainingTemplate ?? template, plans: plan };
}
