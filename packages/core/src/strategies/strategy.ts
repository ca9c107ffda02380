/**
 * How the masks of a template are obtained, from the most to the least curated:
 * - `fingerprint`, `normalized`, `behaviour`: a registry variant's training template, recognised by the original's
 *   exact or normalised fingerprint or by rendering the same text on every probe conversation;
 * - `training-template`: the template is itself one of the registry's training templates;
 * - `vendor-markers`: the template's own `{% generation %}` markers, verified against the derived spans;
 * - `synthesized`: the original with markers inserted by the library, verified;
 * - `derived`: spans derived per record from the template's own renders of each conversation's prefixes.
 */
export type Strategy = "fingerprint" | "normalized" | "behaviour" | "training-template" | "vendor-markers" | "synthesized" | "derived";

/** The decision for one chat template, as plain data (worker threads get it as it is). */
export interface TrainingPlan {
  strategy: Strategy;
  /** The model's own chat template: every record's text must be what it renders. */
  original: string;
  /** The template that renders the spans (with markers); absent for `derived`. */
  trainingTemplate?: string;
  /** The registry variant, for the strategies that use one. */
  variantId?: string;
  /** Why this strategy: how the markers disagree, why no variant matched, what the probes verified. */
  note?: string;
}

/** Strategies whose training template is a curated variant's, so each record's text is checked against the original. */
export const VARIANT_STRATEGIES: ReadonlySet<Strategy> = new Set(["fingerprint", "normalized", "behaviour"]);
