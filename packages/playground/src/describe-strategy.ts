import type { Strategy, TemplateUsed, TrainingPlan } from "@training-templates/core";
import type { ResultMessage } from "./protocol.ts";

/** What each strategy means for the masks, in a sentence (the core README's table, said to a reader). */
function summary(strategy: Strategy, variantId: string | undefined): string {
  switch (strategy) {
    case "fingerprint":
      return `the template is ${variantId}'s original, byte for byte: the ${variantId} training template trains`;
    case "normalized":
      return `the template is ${variantId}'s original up to line endings and trailing spaces: the ${variantId} training template trains`;
    case "behaviour":
      return `the template renders what ${variantId}'s original renders on every probe conversation: the ${variantId} training template trains`;
    case "training-template":
      return `the template is the registry's ${variantId} training template: its markers train`;
    case "vendor-markers":
      return "the template's own {% generation %} markers train, verified against the derived spans";
    case "synthesized":
      return "a training template synthesized from this one (markers inserted by the library, verified) trains";
    case "derived":
      return "masks derived from the template's own renders of each conversation's prefixes (no training template)";
    default:
      // A strategy added to the library after this page: its name still says what was used.
      return "see the library's documentation of this strategy";
  }
}

/** The strategy this conversation went by (a record may fall back from the plan's), and why. */
export function describeStrategy(plan: TrainingPlan, used?: TemplateUsed): NonNullable<ResultMessage["strategy"]> {
  const name = used?.strategy ?? plan.strategy;
  const note = [used?.fallbackReason ? `This conversation fell back from ${plan.strategy}: ${used.fallbackReason}` : undefined, plan.note].filter(Boolean).join(" — ");
  return { name, summary: summary(name, plan.variantId), ...(note ? { note } : {}) };
}
