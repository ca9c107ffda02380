import { UnsupportedTemplateError } from "../errors.ts";
import { fingerprint, normalizedFingerprint } from "../fingerprint.ts";
import type { TrainingTemplate } from "../template-types.ts";
import { sameOutcome } from "../render/try-render.ts";
import { probeConversations, probeTokens, renderOutcome } from "./probes.ts";
import type { Registry } from "./registry.ts";

/** How a chat template was recognised. */
export type MatchKind = "fingerprint" | "normalized" | "behaviour" | "training-template";

export interface Detection {
  variant: TrainingTemplate;
  matchedBy: MatchKind;
}

/**
 * Recognises a chat template: by exact fingerprint, then by normalised fingerprint, then by behaviour (it renders
 * exactly what a known original renders on every probe conversation, rejections included; the probes use every
 * feature a template may write, with the tokenizer's special tokens). A template that is one
 * of our training templates is recognised as such. Throws `UnsupportedTemplateError` naming the nearest variants.
 */
export interface DetectOptions {
  /**
   * The tokenizer's special tokens (`bos_token`, …): probes render with them, as the model's records will. Without
   * them, probes render with the variant's and with placeholders for the rest.
   */
  specialTokens?: Record<string, string>;
}

export function detectTemplate(template: string, registry: Registry, templateName = "the given chat template", options: DetectOptions = {}): Detection {
  const byFingerprint = matchFingerprint(template, registry);
  if (byFingerprint) return byFingerprint;
  const sha = fingerprint(template);
  for (const variant of registry.variants) {
    if (variant.template === template) return { variant, matchedBy: "training-template" };
  }
  for (const variant of registry.variants) {
    const score = behaviourScore(template, variant, true, options.specialTokens);
    if (score.matched) return { variant, matchedBy: "behaviour" };
    // A template past a render limit would cost the limit again for every variant: it is none of them.
    if (score.limit) {
      throw new UnsupportedTemplateError(`${templateName} (sha256 ${sha.slice(0, 12)}…) is not a known original: it exceeds a render limit on a probe conversation (${score.limit}).`);
    }
  }
  // Only on the way to an error: score every probe of every variant, to name the nearest ones fairly.
  const scores = registry.variants.map((variant) => ({ variant, ...behaviourScore(template, variant, false, options.specialTokens) }));
  const nearest = scores
    .filter((score) => score.agreed > 0)
    .sort((a, b) => b.agreed / b.total - a.agreed / a.total)
    .slice(0, 3);
  const nearestText = nearest.length
    ? ` Nearest known variants: ${nearest.map((s) => `${s.variant.id} (same text on ${s.agreed}/${s.total} probes)`).join(", ")}.`
    : " No known variant renders the same text on any probe.";
  throw new UnsupportedTemplateError(
    `${templateName} (sha256 ${sha.slice(0, 12)}…) is not a known original: no fingerprint or normalised fingerprint ` +
      `matches among ${registry.variants.length} variants, and none renders the same text on every probe conversation ` +
      `(a revision that renders differently is refused, never guessed).${nearestText} ` +
      `If it is a new revision of a supported family, add it to that family's package (see CONTRIBUTING.md).`,
    nearest.map((s) => s.variant.id),
  );
}

/** The variant whose original this template is, by exact then normalised fingerprint; undefined if none. */
export function matchFingerprint(template: string, registry: Registry): Detection | undefined {
  const sha = fingerprint(template);
  const exact = registry.variants.find((variant) => variant.originalSha256.includes(sha));
  if (exact) return { variant: exact, matchedBy: "fingerprint" };
  const normalized = normalizedFingerprint(template);
  const loose = registry.variants.find((variant) => variant.originalNormalizedSha256.includes(normalized));
  return loose ? { variant: loose, matchedBy: "normalized" } : undefined;
}

interface BehaviourScore {
  matched: boolean;
  agreed: number;
  total: number;
  /** Set when the template exceeded a render limit on a probe: the error. */
  limit?: string;
}

/** With `quick`, gives up at the first disagreement (most candidates differ on the first probe). */
function behaviourScore(template: string, variant: TrainingTemplate, quick: boolean, specialTokens?: Record<string, string>): BehaviourScore {
  const probes = probeConversations().filter((probe) => !variant.textDiffersFromOriginal?.(probe));
  const tokens = probeTokens(variant, specialTokens);
  let agreed = 0;
  let rendered = 0;
  for (const [index, probe] of probes.entries()) {
    const expected = renderOutcome(variant.template, probe, variant, tokens);
    const actual = renderOutcome(template, probe, variant, tokens);
    // A template past a render limit (it never ends, say) would cost the limit on every probe: it is no variant.
    if (!actual.ok && actual.code === "TEMPLATE_LIMIT") return { matched: false, agreed, total: probes.length, limit: actual.error };
    // The template refusing what the variant renders (an older revision that takes no content lists, say) is no
    // disagreement: training renders the template too, and refuses those records with its error.
    if (sameOutcome(expected, actual) || (!actual.ok && expected.ok)) agreed++;
    else if (quick) return { matched: false, agreed, total: index + 1 };
    if (expected.ok && actual.ok) rendered++;
  }
  // A template that fails on most conversations proves nothing by agreeing on the failures.
  return { matched: agreed === probes.length && rendered * 2 >= probes.length, agreed, total: probes.length };
}
