import { registry } from "@training-templates/all";
import {
  hasGenerationMarkers,
  NO_CHAT_TEMPLATE_MESSAGE,
  selectNamedTemplate,
  UnsupportedTemplateError,
  VARIANT_STRATEGIES,
  type NamedChatTemplate,
  type TrainingPlan,
  type TrainingTemplate,
} from "@training-templates/core";
import { resolveTrainingTemplate, type ResolvedTemplate, type TemplatePlans } from "../training-template.ts";
import { endOfTurnFor } from "../encoding/end-of-turn.ts";
import { describeTemplateOrigin, templatePlacesChecked, type LoadedTokenizer } from "../tokenizer-dir.ts";
import type { CheckReport, DetectionReport, TrainingTemplateReport } from "./check-report.ts";

/** The template a person would train with, when there is one: what the checks render. */
export interface TemplateToCheck {
  chatTemplate: string | NamedChatTemplate[];
  /** The registry variant, for its special tokens, kwargs and tool support; absent for a tokenizer's own template. */
  variant?: TrainingTemplate;
  /** How errors name it. */
  name: string;
  /** The library's plan for it: `derived` templates have no markers to check, their masks come from renders. */
  plan?: TrainingPlan;
}

export interface ResolvedForCheck {
  chatTemplate: CheckReport["chatTemplate"];
  detection: DetectionReport;
  trainingTemplate: TrainingTemplateReport;
  toCheck?: TemplateToCheck;
}

/**
 * What the library plans for the tokenizer's template (see `planTraining`), kept as a report instead of an error: a
 * template nobody can train with is the answer `check` exists to give, not a failure of the command.
 */
export async function resolveForCheck(tokenizer: LoadedTokenizer): Promise<ResolvedForCheck> {
  const own = tokenizer.config.chat_template;
  const present = !(own === undefined || own === "" || (Array.isArray(own) && own.length === 0));
  const ownTemplates = !present ? [] : typeof own === "string" ? [own] : own!.map((entry) => entry.template);
  const chatTemplate = {
    origin: present ? await describeTemplateOrigin(tokenizer.dir) : templatePlacesChecked(tokenizer.dir),
    present,
    names: Array.isArray(own) && present ? own.map((entry) => entry.name) : null,
    hasGenerationMarkers: ownTemplates.some((template) => hasGenerationMarkers(template)),
  };
  if (!present) {
    return {
      chatTemplate,
      detection: { recognised: false, reason: "the tokenizer has no chat template", nearest: [] },
      trainingTemplate: unavailable(true, NO_CHAT_TEMPLATE_MESSAGE),
    };
  }
  let resolved: ResolvedTemplate;
  try {
    resolved = await resolveTrainingTemplate(tokenizer);
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (!(cause instanceof UnsupportedTemplateError)) throw error;
    return {
      chatTemplate,
      detection: { recognised: false, reason: cause.message, nearest: cause.nearest },
      trainingTemplate: unavailable(!chatTemplate.hasGenerationMarkers, cause.message),
    };
  }
  const plan = primaryPlan(resolved.plans);
  const variant = plan.variantId ? registry.get(plan.variantId) : undefined;
  const recognised = variant !== undefined && (VARIANT_STRATEGIES.has(plan.strategy) || plan.strategy === "training-template");
  const detection: DetectionReport = recognised
    ? { recognised: true, id: variant.id, family: variant.family, displayName: variant.displayName, matchedBy: plan.strategy }
    : { recognised: false, reason: plan.note ?? "not a known original", nearest: [] };
  const source: TrainingTemplateReport["source"] = VARIANT_STRATEGIES.has(plan.strategy) ? "registry" : plan.strategy === "derived" ? "derived" : plan.strategy === "synthesized" ? "synthesized" : "tokenizer";
  const primaryTemplate = selectNamedTemplate(resolved.chatTemplate) ?? "";
  return {
    chatTemplate,
    detection,
    trainingTemplate: {
      needed: VARIANT_STRATEGIES.has(plan.strategy) || plan.strategy === "synthesized" || plan.strategy === "derived",
      available: true,
      source,
      strategy: plan.strategy,
      id: variant?.id ?? null,
      description: resolved.description,
      endOfTurn: variant && source === "registry" ? { token: variant.endOfTurn, source: variant.id } : (endOfTurnFor(primaryTemplate, tokenizer.config) ?? null),
    },
    toCheck: { chatTemplate: resolved.chatTemplate, ...(variant ? { variant } : {}), name: variant?.id ?? "(the tokenizer's template)", plan },
  };
}

function primaryPlan(plans: TemplatePlans): TrainingPlan {
  if (!Array.isArray(plans)) return plans;
  return (plans.find((entry) => entry.name === "default") ?? plans[0]!).plan;
}

function unavailable(needed: boolean, why: string): TrainingTemplateReport {
  return { needed, available: false, source: null, strategy: null, id: null, description: why, endOfTurn: null };
}
