import { registry } from "@training-templates/all";
import {
  getTrainingChatTemplate,
  hasGenerationMarkers,
  NO_CHAT_TEMPLATE_MESSAGE,
  selectNamedTemplate,
  UnsupportedTemplateError,
  type NamedChatTemplate,
  type TrainingTemplate,
  type TrainingTemplateMatch,
} from "@training-templates/core";
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
}

export interface ResolvedForCheck {
  chatTemplate: CheckReport["chatTemplate"];
  detection: DetectionReport;
  trainingTemplate: TrainingTemplateReport;
  toCheck?: TemplateToCheck;
}

/**
 * What `getTrainingChatTemplate` decides for the tokenizer, kept as a report instead of an error: a template
 * nobody can train with is the answer `check` exists to give, not a failure of the command.
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
  let match: TrainingTemplateMatch | null;
  try {
    match = getTrainingChatTemplate(tokenizer, { registry });
  } catch (error) {
    if (!(error instanceof UnsupportedTemplateError)) throw error;
    return {
      chatTemplate,
      detection: { recognised: false, reason: error.message, nearest: error.nearest },
      trainingTemplate: unavailable(!chatTemplate.hasGenerationMarkers, error.message),
    };
  }
  if (match === null) return ownTemplateWithMarkers(tokenizer, own!, chatTemplate);
  const { variant } = match;
  return {
    chatTemplate,
    detection: { recognised: true, id: variant.id, family: variant.family, displayName: variant.displayName, matchedBy: match.matchedBy },
    trainingTemplate: {
      needed: true,
      available: true,
      source: "registry",
      id: variant.id,
      description: describeMatch(match),
      endOfTurn: { token: variant.endOfTurn, source: variant.id },
    },
    toCheck: { chatTemplate: match.chatTemplate, variant, name: variant.id },
  };
}

/** Already marked and prefix-preserving: trained on as it is, whether or not it is one of ours. */
function ownTemplateWithMarkers(tokenizer: LoadedTokenizer, own: string | NamedChatTemplate[], chatTemplate: CheckReport["chatTemplate"]): ResolvedForCheck {
  const primary = selectNamedTemplate(own) ?? "";
  const known = registry.variants.find((variant) => variant.template === primary);
  const detection: DetectionReport = known
    ? { recognised: true, id: known.id, family: known.family, displayName: known.displayName, matchedBy: "training-template" }
    : { recognised: false, reason: "a template with generation markers that is not one of the known training templates", nearest: [] };
  return {
    chatTemplate,
    detection,
    trainingTemplate: {
      needed: false,
      available: true,
      source: "tokenizer",
      id: known?.id ?? null,
      description: "the tokenizer's own chat template, as it is (it already has generation markers and is prefix-preserving)",
      endOfTurn: endOfTurnFor(primary, tokenizer.config) ?? null,
    },
    toCheck: { chatTemplate: own, ...(known ? { variant: known } : {}), name: known?.id ?? "(the tokenizer's template)" },
  };
}

function unavailable(needed: boolean, why: string): TrainingTemplateReport {
  return { needed, available: false, source: null, id: null, description: why, endOfTurn: null };
}

function describeMatch(match: TrainingTemplateMatch): string {
  if (!match.named) return `the ${match.variant.id} training template (the original matched by ${match.matchedBy})`;
  return `named training templates: ${match.named.map(({ name, variant, matchedBy }) => `${name}: ${variant.id} (matched by ${matchedBy})`).join(", ")}`;
}
