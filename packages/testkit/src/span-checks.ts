import type { ChatMessage, TrainingTemplate } from "@training-templates/core";
import { renderPrefix, type Case } from "./cases.ts";
import { bracketSpans } from "./report.ts";
import { caseHeader, type Failure } from "./text-checks.ts";

interface SpanCheckContext {
  variant: TrainingTemplate;
  /** The template whose rendering defines the expectation (the original, patched where the kit says so). */
  expectationTemplate: string;
  endOfTurnTokens: string[];
  now: Date;
}

/** The visible answer of an assistant message: its content after any `</think>`, trimmed. */
function answerOf(message: ChatMessage): string {
  if (typeof message.content !== "string") return "";
  return (message.content.split("</think>").pop() ?? "").trim();
}

/**
 * One masked region per assistant turn, holding that turn's answer and tool calls and ending with the end-of-turn
 * token; it starts exactly where the generation prompt of the conversation so far ends (so no role header is
 * trained) and runs to the end of the turn's output (reasoning included where rendered; only whitespace may follow
 * before the next message), and nothing after the last turn (the generation prompt) is trained.
 */
export function checkAssistantSpans(cases: Case[], context: SpanCheckContext): Failure[] {
  const failures: Failure[] = [];
  for (const testCase of cases) {
    if (!testCase.training.ok) continue;
    const problem = spanProblem(testCase, context);
    if (problem) {
      failures.push({
        caseIndex: testCase.index,
        message: `${caseHeader(testCase)}\n${problem}\nrendered text, trained spans in ⟦ ⟧:\n${bracketSpans(testCase.training.text, testCase.training.spans)}`,
      });
    }
  }
  return failures;
}

function spanProblem(testCase: Case, { variant, expectationTemplate, endOfTurnTokens, now }: SpanCheckContext): string | undefined {
  if (!testCase.training.ok) return undefined;
  const { text, spans } = testCase.training;
  const messages = testCase.conversation.messages;
  const assistantIndices = messages.flatMap((message, i) => (message.role === "assistant" ? [i] : []));
  if (spans.length !== assistantIndices.length) {
    return `expected one trained span per assistant turn (${assistantIndices.length}), found ${spans.length}`;
  }
  const ordered = [...spans].sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < ordered.length; k++) {
    if (ordered[k]![0] < ordered[k - 1]![1]) return `spans ${k - 1} and ${k} overlap`;
  }
  for (const [k, messageIndex] of assistantIndices.entries()) {
    const [start, end] = ordered[k]!;
    const spanText = text.slice(start, end);
    const message = messages[messageIndex]!;
    const where = `assistant turn ${k} (message ${messageIndex})`;
    if (!endOfTurnTokens.some((token) => spanText.trimEnd().endsWith(token))) {
      return `${where}: the trained span does not end with ${endOfTurnTokens.join(" or ")}: ${JSON.stringify(spanText.slice(-40))}`;
    }
    const prompt = renderPrefix(variant, testCase, messageIndex, true, expectationTemplate, now);
    if (prompt.ok && text.startsWith(prompt.text) && start !== prompt.text.length) {
      return `${where}: the trained span starts at ${start}, but the generation prompt of the conversation so far ends at ${prompt.text.length} ` +
        `(${start < prompt.text.length ? "the role header or prompt is trained" : "part of the answer is not trained"})`;
    }
    // The turn's rendered output: from the end of its generation prompt to where the next message begins.
    const turn = renderPrefix(variant, testCase, messageIndex + 1, false, expectationTemplate, now);
    if (!prompt.ok || !turn.ok || !text.startsWith(prompt.text) || !text.startsWith(turn.text) || turn.text.length < end) continue;
    const output = text.slice(prompt.text.length, turn.text.length);
    if (text.slice(end, turn.text.length).trim() !== "") {
      return `${where}: the turn's output goes on after the trained span: ${JSON.stringify(text.slice(end, Math.min(turn.text.length, end + 60)))}`;
    }
    const answer = answerOf(message);
    if (answer && output.includes(answer) && !spanText.includes(answer)) return `${where}: the answer ${JSON.stringify(answer.slice(0, 40))} is not inside the trained span`;
    for (const call of message.tool_calls ?? []) {
      const name = call.function.name;
      if (output.includes(name) && !spanText.includes(name)) return `${where}: the tool call ${name} is not inside the trained span`;
    }
  }
  if (testCase.conversation.add_generation_prompt && messages[messages.length - 1]?.role !== "assistant") {
    const withoutPrompt = renderPrefix(variant, testCase, messages.length, false, expectationTemplate, now);
    const lastEnd = ordered[ordered.length - 1]?.[1] ?? 0;
    if (withoutPrompt.ok && text.startsWith(withoutPrompt.text) && lastEnd > withoutPrompt.text.length) {
      return `the generation prompt (from ${withoutPrompt.text.length}) is trained`;
    }
  }
  return undefined;
}

/**
 * Appending messages keeps earlier turns: for every prefix of a conversation that ends with an assistant turn, the
 * training template's rendering is a prefix of the whole conversation's, with the same spans.
 */
export function checkTextPrefixPreservation(cases: Case[], variant: TrainingTemplate, now: Date): Failure[] {
  const failures: Failure[] = [];
  for (const testCase of cases) {
    if (!testCase.training.ok) continue;
    const messages = testCase.conversation.messages;
    for (let count = 1; count < messages.length; count++) {
      if (messages[count - 1]!.role !== "assistant") continue;
      const prefix = renderPrefix(variant, testCase, count, false, variant.template, now);
      if (!prefix.ok) continue;
      const sameSpans = prefix.spans.every(([s, e], i) => testCase.training.ok && testCase.training.spans[i]?.[0] === s && testCase.training.spans[i]?.[1] === e);
      if (!testCase.training.text.startsWith(prefix.text) || !sameSpans) {
        failures.push({
          caseIndex: testCase.index,
          message: `${caseHeader(testCase)}\nthe first ${count} messages render as\n${bracketSpans(prefix.text, prefix.spans)}\nwhich is not a prefix (text and spans) of the whole conversation:\n${bracketSpans(testCase.training.text, testCase.training.spans)}`,
        });
        break;
      }
    }
  }
  return failures;
}
