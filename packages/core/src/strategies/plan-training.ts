import { UnsupportedTemplateError } from "../errors.ts";
import { detectTemplate, matchFingerprint } from "../registry/detect.ts";
import type { Registry } from "../registry/registry.ts";
import { hasGenerationMarkers } from "../render/scan-template.ts";
import { assessTemplate, type TemplateAssessment } from "./assess-template.ts";
import type { DeriveSpansOptions } from "./derive-spans.ts";
import type { TrainingPlan } from "./strategy.ts";
import { synthesizeTrainingTemplate } from "./synthesize/synthesize-training-template.ts";

export interface PlanTrainingOptions {
  /** Known training templates (e.g. `registry` from `@training-templates/all`); without one, masks are derived. */
  registry?: Registry;
  /** The tokenizer's special tokens (`specialTokensFromConfig`): probes and derived masks render with them. */
  specialTokens?: Record<string, string>;
  /** Special tokens' texts that may close a turn (`specialTokenTextsFromConfig`). */
  closingTokens?: readonly string[];
  templateKwargs?: Record<string, unknown>;
  /** How errors name the template. */
  templateName?: string;
  /**
   * Whether a template that would get derived masks gets a synthesized training template when one can be proven
   * (`synthesizeTrainingTemplate`; default true). False keeps derived masks (the synthesis renders a few hundred
   * conversations once per template).
   */
  synthesize?: boolean;
}

const plans = new WeakMap<Registry | typeof NO_REGISTRY, Map<string, Map<string, TrainingPlan>>>();
const NO_REGISTRY = {};
const PLANS_KEPT = 64;

/**
 * How to train on a chat template, decided once per template (it renders dozens of probe conversations):
 * 1. a template with markers that is a registry training template is used as it is (`training-template`); a known
 *    vendor original whose markers are wrong is replaced by its variant (`fingerprint`, `normalized`); other vendor
 *    markers are used when their spans agree with the derived ones on every probe (`vendor-markers`), else masks are
 *    derived and `note` says how the markers disagree;
 * 2. a template without markers that a registry variant recognises (`fingerprint`, `normalized`, `behaviour`) trains
 *    with that variant's training template, each record's text checked against the original's;
 * 3. any other template (and a vendor template whose markers disagree) trains with a synthesized training template
 *    when one is proven on generated conversations (`synthesized`, see `synthesizeTrainingTemplate`), else with masks
 *    derived from its own renders (`derived`, `note` saying why none was synthesized), when the probes verify them.
 * Throws `UnsupportedTemplateError` saying exactly why when nothing can be verified.
 */
export function planTraining(template: string, options: PlanTrainingOptions = {}): TrainingPlan {
  // Asked per record: keyed by the template string itself (its hash is cached) and a small key of the rest, the
  // long list of closing tokens keyed by the array's identity where it can be (it is read once per config).
  const key = [optionsKey(options.specialTokens), tokensKey(options.closingTokens), optionsKey(options.templateKwargs), options.synthesize ?? true].join("\u0000");
  let cache = plans.get(options.registry ?? NO_REGISTRY);
  if (!cache) plans.set(options.registry ?? NO_REGISTRY, (cache = new Map()));
  let byOptions = cache.get(template);
  const known = byOptions?.get(key);
  if (known) return known;
  const plan = decide(template, options);
  if (!byOptions) {
    if (cache.size >= PLANS_KEPT) cache.delete(cache.keys().next().value!);
    cache.set(template, (byOptions = new Map()));
  }
  byOptions.set(key, plan);
  return plan;
}

const tokenKeys = new WeakMap<readonly string[], string>();

function tokensKey(tokens: readonly string[] | undefined): string {
  if (!tokens) return "";
  let key = tokenKeys.get(tokens);
  if (key === undefined) tokenKeys.set(tokens, (key = JSON.stringify(tokens)));
  return key;
}

function optionsKey(value: Record<string, unknown> | undefined): string {
  return value ? JSON.stringify(value) : "";
}

function decide(template: string, options: PlanTrainingOptions): TrainingPlan {
  const { registry } = options;
  const templateName = options.templateName ?? "the chat template";
  const deriveOptions: DeriveSpansOptions = {
    templateName,
    ...(options.specialTokens ? { specialTokens: options.specialTokens } : {}),
    ...(options.closingTokens ? { closingTokens: options.closingTokens } : {}),
    ...(options.templateKwargs ? { templateKwargs: options.templateKwargs } : {}),
  };
  if (hasGenerationMarkers(template)) {
    // A vendor original first (its variant may correct its markers, or be the original itself), then one of ours.
    const known = registry ? matchFingerprint(template, registry) : undefined;
    if (known) {
      return { strategy: known.matchedBy as "fingerprint" | "normalized", original: template, trainingTemplate: known.variant.template, variantId: known.variant.id };
    }
    const ours = registry?.variants.find((variant) => variant.template === template);
    if (ours) return { strategy: "training-template", original: template, trainingTemplate: template, variantId: ours.id };
    const assessment = assessTemplate(template, { ...deriveOptions, compareMarkers: true });
    if (assessment.ok && !assessment.markerDisagreement) {
      return { strategy: "vendor-markers", original: template, trainingTemplate: template, note: `its markers agree with the derived spans on ${assessment.verified}/${assessment.probes} probe conversations` };
    }
    if (assessment.ok) return synthesizedOrDerived(template, options, deriveOptions, assessment, `the template's own markers are not used: ${assessment.markerDisagreement}; ${assessment.detail}`);
    throw new UnsupportedTemplateError(`${templateName} has generation markers, but no masks can be verified for it: ${assessment.detail}.`);
  }
  let refusedBecause = "no registry was given";
  if (registry) {
    try {
      const detection = detectTemplate(template, registry, templateName, options.specialTokens ? { specialTokens: options.specialTokens } : {});
      return { strategy: detection.matchedBy as TrainingPlan["strategy"], original: template, trainingTemplate: detection.variant.template, variantId: detection.variant.id };
    } catch (error) {
      if (!(error instanceof UnsupportedTemplateError)) throw error;
      refusedBecause = error.nearest.length > 0 ? `not a known original; nearest known variants: ${error.nearest.join(", ")}` : "not a known original";
    }
  }
  const assessment = assessTemplate(template, deriveOptions);
  if (assessment.ok) return synthesizedOrDerived(template, options, deriveOptions, assessment, `no curated variant (${refusedBecause}); ${assessment.detail}`);
  throw new UnsupportedTemplateError(
    `No masks can be verified for ${templateName}: no curated variant matches it (${refusedBecause}), and masks derived from its own renders cannot be used: ${assessment.detail}.`,
  );
}

/**
 * For a template whose derived masks verify: the synthesized training template when one is proven (the original with
 * markers, the same text, spans equal to the derived ones), else derived masks, the note saying why none was made.
 */
function synthesizedOrDerived(template: string, options: PlanTrainingOptions, deriveOptions: DeriveSpansOptions, assessment: TemplateAssessment, note: string): TrainingPlan {
  if (options.synthesize === false) return { strategy: "derived", original: template, note };
  // A template with markers would train every record, including those whose history the template rewrites; derived
  // masks refuse exactly those, with the reason. So a template that rewrites history gets no synthesized template.
  if (assessment.historyRewritten) {
    return { strategy: "derived", original: template, note: `${note}; no training template synthesized, as it rewrites history on some conversations (their records are refused): ${assessment.historyRewritten}` };
  }
  const synthesis = synthesizeTrainingTemplate(template, deriveOptions);
  if (synthesis.ok) return { strategy: "synthesized", original: template, trainingTemplate: synthesis.template, note: `${note}; ${synthesis.note}` };
  return { strategy: "derived", original: template, note: `${note}; no training template could be synthesized: ${synthesis.reason}` };
}
