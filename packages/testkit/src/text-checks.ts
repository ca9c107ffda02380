import type { TrainingTemplate } from "@training-templates/core";
import type { Case, Outcome } from "./cases.ts";
import { describeConversation, describeFirstDifference } from "./report.ts";

/** A failure of one case, described so a person can act on it. */
export interface Failure {
  caseIndex: number;
  message: string;
}

export function caseHeader(testCase: Case): string {
  return `case #${testCase.index}: ${describeConversation(testCase.conversation, testCase.kwargs)}`;
}

function describeOutcome(outcome: Outcome): string {
  return outcome.ok ? `renders ${outcome.text.length} characters` : `rejects it: ${outcome.error}`;
}

/** Compares two outcomes: same rejection status, same text. Returns what differs, or undefined. */
export function compareOutcomes(expectedName: string, expected: Outcome, actualName: string, actual: Outcome): string | undefined {
  if (expected.ok !== actual.ok) {
    return `${expectedName} ${describeOutcome(expected)}, but ${actualName} ${describeOutcome(actual)}`;
  }
  if (expected.ok && actual.ok && expected.text !== actual.text) {
    return `${actualName} renders different text from ${expectedName}: ${describeFirstDifference(expected.text, actual.text)}`;
  }
  return undefined;
}

/** The training template renders exactly the (patched) original's text and rejects exactly what it rejects. */
export function checkTextIdentity(cases: Case[], variant: TrainingTemplate): Failure[] {
  const failures: Failure[] = [];
  for (const testCase of cases) {
    const difference = compareOutcomes("the original", testCase.expected, `training template ${variant.id}`, testCase.training);
    if (difference) failures.push({ caseIndex: testCase.index, message: `${caseHeader(testCase)}\n${difference}` });
  }
  return failures;
}

/**
 * The kit's patches state every intended text difference: where the variant says its text does not differ, the
 * unpatched original renders the same as the patched one; where it says it differs, the patch changes something.
 */
export function checkDeclaredDifferences(cases: Case[], variant: TrainingTemplate): Failure[] {
  const failures: Failure[] = [];
  let differing = 0;
  for (const testCase of cases) {
    if (!testCase.unpatched) continue;
    // The kit's kwargs set reaches the predicate as the record's own template kwargs would.
    const conversation = { ...testCase.conversation, chat_template_kwargs: { ...testCase.conversation.chat_template_kwargs, ...testCase.kwargs } };
    const declared = variant.textDiffersFromOriginal?.(conversation) ?? false;
    const difference = compareOutcomes("the unpatched original", testCase.unpatched, "the patched original", testCase.expected);
    if (difference) differing++;
    if (difference && !declared) {
      failures.push({
        caseIndex: testCase.index,
        message: `${caseHeader(testCase)}\nthe text differs from the vendor's original although ${variant.id}.textDiffersFromOriginal says it does not:\n${difference}`,
      });
    }
  }
  if (cases.some((c) => c.unpatched) && differing === 0) {
    failures.push({ caseIndex: -1, message: "the kit's patches never change the text on the generated conversations: they are not exercised" });
  }
  return failures;
}
