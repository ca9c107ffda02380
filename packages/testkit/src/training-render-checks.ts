import {
  createRegistry,
  renderForTraining,
  type Registry,
  type TrainingPlan,
  type TrainingRender,
  type TrainingTemplate,
} from "@training-templates/core";
import type { Case } from "./cases.ts";
import { bracketSpans, describeFirstDifference } from "./report.ts";
import { caseHeader, type Failure } from "./text-checks.ts";

/**
 * "Never a silent mismatch", as the library enforces it on each record it trains on: the variant recognised by the
 * original's fingerprint renders every conversation the original accepts through `renderForTraining`, which compares
 * the training text with the original's and, where the variant declares a difference, with the original patched by
 * `variant.originalPatches`. Strict (`onMismatch: "throw"`), so an undeclared or unpatched difference fails here
 * instead of falling back to derived masks; the record must keep the curated strategy, with exactly the training
 * template's own text and spans. A conversation the original refuses must be refused too, never trained.
 */
export function checkRenderForTraining(cases: Case[], variant: TrainingTemplate, original: string, now: Date): Failure[] {
  // Just this variant: what the library does once the original's fingerprint picked it, whatever else is registered.
  const registry = createRegistry([{ family: variant.family, displayName: variant.family, variants: [variant] }]);
  const plan: TrainingPlan = { strategy: "fingerprint", original, trainingTemplate: variant.template, variantId: variant.id };
  const failures: Failure[] = [];
  for (const testCase of cases) {
    const problem = renderProblem(testCase, plan, registry, variant, now);
    if (problem) failures.push({ caseIndex: testCase.index, message: `${caseHeader(testCase)}\n${problem}` });
  }
  return failures;
}

function renderProblem(
  testCase: Case,
  plan: TrainingPlan,
  registry: Registry,
  variant: TrainingTemplate,
  now: Date,
): string | undefined {
  // The unpatched original is the model's own template: it alone decides which conversations are trainable.
  const byOriginal = testCase.unpatched ?? testCase.expected;
  let rendered: TrainingRender;
  try {
    rendered = renderForTraining(plan, testCase.conversation, {
      registry,
      specialTokens: variant.specialTokens,
      templateKwargs: testCase.kwargs,
      now: () => now,
      onMismatch: "throw",
    });
  } catch (error) {
    if (!byOriginal.ok) return undefined;
    return `renderForTraining with ${variant.id} (strategy fingerprint, onMismatch "throw") throws for a conversation the original accepts: ${(error as Error).message}`;
  }
  if (!byOriginal.ok) {
    return `the original rejects the conversation (${byOriginal.error}), but renderForTraining with ${variant.id} trains on it (${rendered.text.length} characters)`;
  }
  if (rendered.strategy !== "fingerprint") {
    return `renderForTraining with ${variant.id} left the curated template for strategy ${rendered.strategy}${rendered.fallbackReason ? `: ${rendered.fallbackReason}` : ""}`;
  }
  if (!testCase.training.ok) {
    return `renderForTraining with ${variant.id} trains on the conversation, but the training template alone rejects it: ${testCase.training.error}`;
  }
  if (rendered.text !== testCase.training.text) {
    return `renderForTraining's text is not the training template's own render: ${describeFirstDifference(testCase.training.text, rendered.text)}`;
  }
  if (JSON.stringify(rendered.spans) !== JSON.stringify(testCase.training.spans)) {
    return (
      `renderForTraining's spans are not the training template's own:\n` +
      `  training template ⟦ ⟧: ${JSON.stringify(bracketSpans(testCase.training.text, testCase.training.spans))}\n` +
      `  renderForTraining ⟦ ⟧: ${JSON.stringify(bracketSpans(rendered.text, rendered.spans))}`
    );
  }
  return undefined;
}
