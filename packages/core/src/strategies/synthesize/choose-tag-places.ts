import type { CutPoint } from "./cut-points.ts";
import type { CutTrace } from "./trace-cuts.ts";

/** The derived spans of each traced conversation, in the trace's order. */
export type TracedSpans = ReadonlyArray<ReadonlyArray<readonly [number, number]>>;

/** One `{% generation %}` … `{% endgeneration %}` pair. */
export interface TagPair {
  start: CutPoint;
  end: CutPoint;
}

export type MissingPlace = "start" | "end" | "cover";

interface Candidate extends TagPair {
  /** Per traced conversation, the `[from, to)` ranges the pair's block would mark. */
  ranges: Array<Array<[number, number]>>;
  covered: number;
  cost: number;
}

/**
 * Tag pairs that together mark exactly the derived spans on every traced conversation. A pair is a start and an end
 * cut point in the same statement body (so the block nests), passed alternately, each block inside one derived span;
 * the pairs' blocks must not overlap and must cover every span. One pair per turn is the usual answer; a template that
 * writes a turn in pieces at different depths (`{% if message.content %}{{ '\n' + message.content }}{% endif %}`
 * then the tool calls) gets one block per piece, touching: the same mask. Chosen greedily, the pair that marks the
 * most text first, then the one cutting the fewest expressions and enclosing the least (Jinja2 renders a block's body
 * as a call block, whose `{% set %}`s do not outlive it).
 */
export function chooseTagPlaces(source: string, traced: readonly CutPoint[], trace: CutTrace, derived: TracedSpans): { pairs: TagPair[]; missing?: MissingPlace } {
  // Cuts the render passes inside a span at least once (elsewhere, a pair's block must be empty: checked per pair).
  const inSpans = (cut: CutPoint, side: "start" | "end"): boolean =>
    trace.some((events, k) => (events.get(cut.id) ?? []).some((offset) => spanIndex(derived[k]!, offset, side) !== -1));
  const starts = traced.filter((cut) => inSpans(cut, "start"));
  if (starts.length === 0) return { pairs: [], missing: "start" };
  const ends = traced.filter((cut) => inSpans(cut, "end"));
  if (ends.length === 0) return { pairs: [], missing: "end" };
  const candidates: Candidate[] = [];
  for (const start of starts) {
    for (const end of ends) {
      if (end.at <= start.at || end.body !== start.body) continue;
      const candidate = pairRanges(start, end, trace, derived);
      if (candidate && enclosable(source, start.at, end.at)) candidates.push(candidate);
    }
  }
  candidates.sort((a, b) => b.covered - a.covered || a.cost - b.cost || b.start.at - a.start.at || a.end.at - b.end.at);
  const total = derived.reduce((sum, spans) => sum + spans.reduce((inner, [from, to]) => inner + to - from, 0), 0);
  const marked: Array<Array<[number, number]>> = derived.map(() => []);
  const pairs: TagPair[] = [];
  let covered = 0;
  for (const candidate of candidates) {
    if (covered === total) break;
    if (candidate.ranges.some((ranges, k) => ranges.some(([from, to]) => marked[k]!.some(([a, b]) => from < b && a < to)))) continue;
    for (const [k, ranges] of candidate.ranges.entries()) marked[k]!.push(...ranges.filter(([from, to]) => to > from));
    covered += candidate.covered;
    pairs.push({ start: candidate.start, end: candidate.end });
  }
  return covered === total ? { pairs } : { pairs: [], missing: "cover" };
}

/** The span whose `[start, end)` holds a block's start at `offset` (or whose `(start, end]` holds its end), or -1. */
function spanIndex(spans: ReadonlyArray<readonly [number, number]>, offset: number, side: "start" | "end"): number {
  return spans.findIndex(([from, to]) => (side === "start" ? from <= offset && offset < to : from < offset && offset <= to));
}

/** The ranges a pair marks, when the render passes its start and end alternately and each block stays in one span. */
function pairRanges(start: CutPoint, end: CutPoint, trace: CutTrace, derived: TracedSpans): Candidate | undefined {
  const ranges: Array<Array<[number, number]>> = [];
  let covered = 0;
  for (const [k, events] of trace.entries()) {
    const opens = events.get(start.id) ?? [];
    const closes = events.get(end.id) ?? [];
    if (opens.length !== closes.length) return undefined;
    const list: Array<[number, number]> = [];
    for (const [n, from] of opens.entries()) {
      const to = closes[n]!;
      if (to < from || (n + 1 < opens.length && opens[n + 1]! < to)) return undefined;
      if (to > from) {
        const span = spanIndex(derived[k]!, from, "start");
        if (span === -1 || span !== spanIndex(derived[k]!, to, "end")) return undefined;
      }
      list.push([from, to]);
      covered += to - from;
    }
    ranges.push(list);
  }
  if (covered === 0) return undefined;
  return { start, end, ranges, covered, cost: (start.expression ? 1 : 0) + (end.expression ? 1 : 0) };
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
