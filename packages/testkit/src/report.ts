import type { Span } from "@training-templates/core";

const CONTEXT = 60;

/** Where two texts first differ, with context on both sides, both texts shown JSON-escaped so whitespace is visible. */
export function describeFirstDifference(expected: string, actual: string): string {
  let index = 0;
  while (index < expected.length && index < actual.length && expected[index] === actual[index]) index++;
  const from = Math.max(0, index - CONTEXT);
  const show = (text: string) => JSON.stringify(text.slice(from, index + CONTEXT));
  return [
    `first difference at character ${index} (expected length ${expected.length}, actual ${actual.length}):`,
    `  expected …${show(expected)}…`,
    `  actual   …${show(actual)}…`,
    `  ${" ".repeat(`actual   …"`.length + JSON.stringify(actual.slice(from, index)).length - 2)}^`,
  ].join("\n");
}

/** The text with every span wrapped in ⟦ ⟧, so a mask failure shows what was trained. */
export function bracketSpans(text: string, spans: readonly Span[]): string {
  const marks: Array<[number, string]> = [];
  for (const [start, end] of spans) marks.push([start, "⟦"], [end, "⟧"]);
  marks.sort((a, b) => a[0] - b[0] || (a[1] === "⟧" ? -1 : 1));
  let out = "";
  let pos = 0;
  for (const [at, mark] of marks) {
    out += text.slice(pos, at) + mark;
    pos = at;
  }
  return out + text.slice(pos);
}

/** The text with every token whose mask is 1 wrapped in ⟦ ⟧ (adjacent trained tokens share one bracket). */
export function bracketMaskedTokens(text: string, offsets: ReadonlyArray<readonly [number, number]>, mask: readonly number[]): string {
  const spans: Array<[number, number]> = [];
  for (const [i, [start, end]] of offsets.entries()) {
    if (!mask[i]) continue;
    const last = spans[spans.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else spans.push([start, end]);
  }
  return bracketSpans(text, spans);
}

/** A conversation as a failure message shows it: compact, one message per line. */
export function describeConversation(conversation: { messages: unknown[]; tools?: unknown; add_generation_prompt?: boolean }, kwargs: Record<string, unknown>): string {
  const lines = conversation.messages.map((message, i) => `  [${i}] ${JSON.stringify(message)}`);
  return [
    `conversation (add_generation_prompt=${conversation.add_generation_prompt ?? false}, kwargs=${JSON.stringify(kwargs)}, ${conversation.tools ? `${(conversation.tools as unknown[]).length} tools` : "no tools"}):`,
    ...lines,
  ].join("\n");
}
