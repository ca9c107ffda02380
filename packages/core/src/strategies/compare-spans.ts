import type { Span } from "../types.ts";

/** Where a template's marked spans and the derived spans disagree on one text, in words; undefined when they agree. */
export function describeSpanDisagreement(text: string, marked: readonly Span[], derived: readonly Span[]): string | undefined {
  const quote = (from: number, to: number) => JSON.stringify(text.slice(from, to));
  for (let k = 0; k < Math.max(marked.length, derived.length); k++) {
    const ours = derived[k];
    const theirs = marked[k];
    if (!theirs) return `the markers leave the assistant turn ${quote(...ours!)} untrained`;
    if (!ours) return `the markers train ${quote(...theirs)}, which is not an assistant turn`;
    if (theirs[0] < ours[0]) return `the markers also train ${quote(theirs[0], ours[0])} before the reply (the generation prompt or role header)`;
    if (theirs[0] > ours[0]) return `the markers leave ${quote(ours[0], theirs[0])} at the start of the reply untrained`;
    if (theirs[1] > ours[1]) return `the markers also train ${quote(ours[1], theirs[1])} after the turn's end`;
    if (theirs[1] < ours[1]) return `the markers leave ${quote(theirs[1], ours[1])} at the end of the turn untrained (the end-of-turn token)`;
  }
  return undefined;
}
