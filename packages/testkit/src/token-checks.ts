import { assistantMasksOf, masksFromSpans, type TokenizerLike, type TrainingTemplate } from "@training-templates/core";
import { renderPrefix, type Case } from "./cases.ts";
import { bracketMaskedTokens } from "./report.ts";
import { caseHeader, type Failure } from "./text-checks.ts";

function accepted(cases: Case[]) {
  return cases.flatMap((testCase) => (testCase.training.ok ? [{ testCase, text: testCase.training.text, spans: testCase.training.spans }] : []));
}

/** Every tokenizer adapter gives the same ids and the same `assistant_masks` as the reference (native) adapter. */
export async function checkAdaptersAgree(cases: Case[], reference: TokenizerLike, others: TokenizerLike[]): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const { testCase, text, spans } of accepted(cases)) {
    const expected = await reference.encode(text);
    const expectedMask = masksFromSpans(expected.offsets, spans);
    // The masks applyChatTemplate returns, which may come from the span ends alone (`tokenAt`), must be these.
    const returnedMask = assistantMasksOf(expected, spans);
    if (returnedMask.some((bit, i) => bit !== expectedMask[i])) {
      failures.push({
        caseIndex: testCase.index,
        message:
          `${caseHeader(testCase)}
${reference.kind}: masks from the span ends differ from masks from every token's offsets:
` +
          `  from offsets:   ${bracketMaskedTokens(text, expected.offsets, expectedMask)}
` +
          `  from span ends: ${bracketMaskedTokens(text, expected.offsets, returnedMask)}`,
      });
    }
    for (const adapter of others) {
      const actual = await adapter.encode(text);
      const actualMask = assistantMasksOf(actual, spans);
      const sameIds = actual.ids.length === expected.ids.length && actual.ids.every((id, i) => id === expected.ids[i]);
      const sameMask = sameIds && actualMask.every((bit, i) => bit === expectedMask[i]);
      if (!sameIds || !sameMask) {
        failures.push({
          caseIndex: testCase.index,
          message:
            `${caseHeader(testCase)}\n${adapter.kind} ${sameIds ? "masks" : "token ids"} differ from ${reference.kind}'s:\n` +
            `  ${reference.kind}: ${bracketMaskedTokens(text, expected.offsets, expectedMask)}\n` +
            `  ${adapter.kind}: ${bracketMaskedTokens(text, actual.offsets, actualMask)}`,
        });
      }
    }
  }
  return failures;
}

/** The last trained token of every assistant turn that is not whitespace is an end-of-turn token. */
export async function checkStopTokenTrained(cases: Case[], tokenizer: TokenizerLike, endOfTurnTokens: string[]): Promise<Failure[]> {
  const stopIds = new Set(endOfTurnTokens.map((token) => tokenizer.tokenToId(token)));
  if (stopIds.has(undefined)) {
    return [{ caseIndex: -1, message: `the tokenizer lacks one of the end-of-turn tokens ${endOfTurnTokens.join(", ")}` }];
  }
  const failures: Failure[] = [];
  for (const { testCase, text, spans } of accepted(cases)) {
    const { ids, offsets } = await tokenizer.encode(text);
    for (const [k, span] of spans.entries()) {
      const mask = masksFromSpans(offsets, [span]);
      let last = -1;
      for (let i = ids.length - 1; i >= 0; i--) {
        if (mask[i] && text.slice(offsets[i]![0], offsets[i]![1]).trim() !== "") {
          last = i;
          break;
        }
      }
      if (last === -1 || !stopIds.has(ids[last])) {
        failures.push({
          caseIndex: testCase.index,
          message: `${caseHeader(testCase)}\nassistant turn ${k}: the last trained token is not ${endOfTurnTokens.join(" or ")}:\n${bracketMaskedTokens(text, offsets, mask)}`,
        });
        break;
      }
    }
  }
  return failures;
}

/** Token-level prefix preservation: the ids of every prefix ending with an assistant turn start the whole conversation's ids. */
export async function checkTokenPrefixPreservation(cases: Case[], variant: TrainingTemplate, tokenizer: TokenizerLike, now: Date): Promise<Failure[]> {
  const failures: Failure[] = [];
  for (const { testCase, text } of accepted(cases)) {
    const full = (await tokenizer.encode(text)).ids;
    const messages = testCase.conversation.messages;
    for (let count = 1; count < messages.length; count++) {
      if (messages[count - 1]!.role !== "assistant") continue;
      const prefix = renderPrefix(variant, testCase, count, false, variant.template, now);
      if (!prefix.ok) continue;
      const ids = (await tokenizer.encode(prefix.text)).ids;
      const at = ids.findIndex((id, i) => full[i] !== id);
      if (at !== -1) {
        failures.push({
          caseIndex: testCase.index,
          message: `${caseHeader(testCase)}\nthe tokens of the first ${count} messages change when the rest follows (token ${at}: ${ids[at]} vs ${full[at]})`,
        });
        break;
      }
    }
  }
  return failures;
}
