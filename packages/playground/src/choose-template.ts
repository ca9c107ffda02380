import {
  planTraining,
  renderChat,
  selectNamedTemplate,
  specialTokensFromConfig,
  specialTokenTextsFromConfig,
  TemplateSyntaxError,
  type Registry,
  type TokenizerLike,
  type TrainingPlan,
  type TrainingTemplate,
} from "@training-templates/core";
import { PlainProblem } from "./plain-error.ts";
import type { TemplateChoice } from "./protocol.ts";

/** The template the conversation renders with, and the library's decision for it. */
export interface ChosenTemplate {
  /** Passed to `applyChatTemplate` as `chatTemplate`; absent for the tokenizer's own (it reads the tokenizer's). */
  chatTemplate?: string;
  /** What the editor shows for this choice. */
  shown: string;
  /** How errors and the download name it. */
  name: string;
  plan: TrainingPlan;
  /** The registry variant chosen from the list, whose default kwargs define it. */
  variant?: TrainingTemplate;
}

/**
 * Decides what to train with, as `applyChatTemplate` would (same `planTraining` options, so the same cached plan):
 * the tokenizer's own template (the default named one, or `tool_use` when the conversation has tools), a variant's
 * training template, or the pasted text.
 */
export function chooseTemplate(choice: TemplateChoice, tokenizer: TokenizerLike, registry: Registry, hasTools: boolean): ChosenTemplate {
  const specialTokens = specialTokensFromConfig(tokenizer.config);
  const closingTokens = specialTokenTextsFromConfig(tokenizer.config);
  const plan = (template: string, templateName: string) => {
    assertParses(template, templateName);
    return planTraining(template, { registry, specialTokens, closingTokens, templateName });
  };
  if (choice.kind === "variant") {
    const variant = registry.get(choice.id);
    if (!variant) throw new PlainProblem("No such variant", `${choice.id} is not in the registry.`);
    return { chatTemplate: variant.template, shown: variant.template, name: variant.id, plan: plan(variant.template, variant.id), variant };
  }
  if (choice.kind === "pasted") {
    if (choice.template.trim() === "") throw new PlainProblem("The template editor is empty", "paste a chat template, or choose the tokenizer's own or a registry variant.");
    return { chatTemplate: choice.template, shown: choice.template, name: "(pasted template)", plan: plan(choice.template, "(pasted template)") };
  }
  const own = selectNamedTemplate(tokenizer.config?.chat_template, hasTools);
  if (own === undefined || own === "") {
    throw new PlainProblem("The tokenizer has no chat template", "choose a registry variant from the list, or paste a template into the editor.");
  }
  return { shown: own, name: "(tokenizer's template)", plan: plan(own, "(tokenizer's template)") };
}

/**
 * A template that does not parse fails every probe, and `planTraining` would say so among other things; the parser's
 * own message (what was expected, where) is the one to read.
 */
function assertParses(template: string, templateName: string): void {
  try {
    renderChat(template, { messages: [] }, { templateName });
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw error;
    // Anything else (raise_exception on an empty conversation, an undefined value) is for the probes to judge.
  }
}

/** The end-of-turn token the checks expect trained: the variant's, else the tokenizer's eos_token. */
export function endOfTurnOf(chosen: ChosenTemplate, registry: Registry, tokenizer: TokenizerLike): string | undefined {
  const variant = chosen.variant ?? (chosen.plan.variantId ? registry.get(chosen.plan.variantId) : undefined);
  return variant?.endOfTurn ?? specialTokensFromConfig(tokenizer.config).eos_token;
}
