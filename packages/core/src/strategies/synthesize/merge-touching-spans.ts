import type { Span } from "../../types.ts";

/**
 * Spans as masks see them: empty ones dropped, touching ones joined. A synthesized template may mark one turn with
 * two blocks that touch (the reply inside `{% if message.content %}`, then the tool calls and the closing token after
 * it): the tokens they mark are those of one span.
 */
export function mergeTouchingSpans(spans: readonly Span[]): Array<[number, number]> {
  const merged: Array<[number, number]> = [];
  for (const [start, end] of spans) {
    if (end <= start) continue;
    const last = merged.at(-1);
    if (last && last[1] === start) last[1] = end;
    else merged.push([start, end]);
  }
  return merged;
}
