import type { CutPoint } from "./cut-points.ts";
import type { CutTrace } from "./trace-cuts.ts";

/** The derived spans of each traced conversation, in the trace's order. */
export type TracedSpans = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

export interface TagPlaces {
  start: CutPoint;
  end: CutPoint;
}

/**
 * Pairs of cut points where `{% generation %}` and `{% endgeneration %}` reproduce the derived spans on every traced
 * conversation: the render passes the first exactly where each assistant turn's span starts (and nowhere else), the
 * second exactly where each ends, both in the same statement body (so the pair nests). Best first: fewest cut
 * expressions, then the tightest pair (the less the block encloses, the less its scope can change: Jinja2 renders
 * the block's body as a call block, whose `{% set %}`s do not outlive it).
 */
export function chooseTagPlaces(source: string, traced: readonly CutPoint[], trace: CutTrace, derived: TracedSpans): { places: TagPlaces[]; missing?: "start" | "end" | "pair" } {
  const passesExactly = (cut: CutPoint, side: 0 | 1) =>
    trace.every((events, k) => {
      const offsets = events.get(cut.id) ?? [];
      const expected = derived[k]!;
      return offsets.length === expected.length && offsets.every((offset, n) => offset === expected[n]![side]);
    });
  const starts = traced.filter((cut) => passesExactly(cut, 0));
  if (starts.length === 0) return { places: [], missing: "start" };
  const ends = traced.filter((cut) => passesExactly(cut, 1));
  if (ends.length === 0) return { places: [], missing: "end" };
  const places: TagPlaces[] = [];
  for (const start of starts) {
    for (const end of ends) {
      if (end.at <= start.at || end.body !== start.body) continue;
      if (!enclosable(source, start.at, end.at)) continue;
      places.push({ start, end });
    }
  }
  const cost = (pair: TagPlaces) => (pair.start.expression ? 1 : 0) + (pair.end.expression ? 1 : 0);
  places.sort((a, b) => cost(a) - cost(b) || b.start.at - a.start.at || a.end.at - b.end.at);
  return places.length > 0 ? { places } : { places, missing: "pair" };
}

/**
 * Whether a generation block can enclose the source between `from` and `to`: no `{% break %}`/`{% continue %}`
 * (the block's body is a call block, outside the loop), and no `{% set name = … %}` whose name the template reads
 * after the block (it would not outlive the block in Jinja2).
 */
function enclosable(source: string, from: number, to: number): boolean {
  const region = source.slice(from, to);
  if (/\{%[-+]?\s*(break|continue)\b/.test(region)) return false;
  const after = source.slice(to);
  for (const match of region.matchAll(/\{%[-+]?\s*set\s+([\w\s,]+?)\s*=/g)) {
    for (const name of match[1]!.split(",").map((part) => part.trim())) {
      if (name && new RegExp(`\\b${name}\\b`).test(after)) return false;
    }
  }
  return true;
}
