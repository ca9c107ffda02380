import type { TrainingTemplate } from "@training-templates/core";
import type { Case, Outcome } from "./cases.ts";
import { renderWithPython, type ReferenceRenderResult } from "./python/render-reference.ts";
import { bracketSpans } from "./report.ts";
import { caseHeader, compareOutcomes, type Failure } from "./text-checks.ts";

function toOutcome(result: ReferenceRenderResult): Outcome {
  return "error" in result ? { ok: false, error: `${result.errorType}: ${result.error}` } : { ok: true, text: result.text, spans: result.spans };
}

/**
 * Python Jinja2, set up as transformers' `apply_chat_template`, renders the vendor's original to the same text as
 * our rendering of it (and rejects the same conversations), and renders the training template to the same text with
 * the generation spans at the same places: the text our users train on is what the Python world renders.
 */
export async function checkPythonParity(
  cases: Case[],
  variant: TrainingTemplate,
  original: string,
  now: Date,
  python: string | undefined,
): Promise<Failure[]> {
  const jobs = cases.flatMap((testCase) => [
    { template: original, context: testCase.context, now },
    { template: variant.template, context: testCase.context, now },
  ]);
  const results = await renderWithPython(jobs, python ? { python } : {});
  const failures: Failure[] = [];
  for (const [i, testCase] of cases.entries()) {
    const ours = testCase.unpatched ?? testCase.expected;
    const pythonOriginal = toOutcome(results[2 * i]!);
    const pythonTraining = toOutcome(results[2 * i + 1]!);
    const originalDifference = compareOutcomes("Python Jinja2 (original)", pythonOriginal, "our rendering (original)", ours);
    const trainingDifference = compareOutcomes("Python Jinja2 (training template)", pythonTraining, "our rendering (training template)", testCase.training);
    let problem = originalDifference ?? trainingDifference;
    if (!problem && pythonTraining.ok && testCase.training.ok && JSON.stringify(pythonTraining.spans) !== JSON.stringify(testCase.training.spans)) {
      problem =
        `the generation spans differ:\n  Python: ${bracketSpans(pythonTraining.text, pythonTraining.spans)}\n` +
        `  ours:   ${bracketSpans(testCase.training.text, testCase.training.spans)}`;
    }
    if (problem) failures.push({ caseIndex: testCase.index, message: `${caseHeader(testCase)}\n${problem}` });
  }
  return failures;
}
