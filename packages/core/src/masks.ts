import type { TokenizedText } from "./tokenizer/types.ts";
import type { Span } from "./types.ts";

/**
 * 1 for every token with at least one character inside a span (a token straddling a span's edge counts, as in
 * transformers), else 0. Offsets and spans are in the same units. Empty spans mark nothing.
 */
export function masksFromSpans(offsets: ReadonlyArray<readonly [number, number]>, spans: readonly Span[]): number[] {
  const merged = mergeSpans(spans);
  return offsets.map(([start, end]) => {
    if (end <= start) return 0;
    const next = firstEndingAfter(merged, start);
    return next < merged.length && merged[next]![0] < end ? 1 : 0;
  });
}

/** What `masksFromSpanEnds` asks of a tokenized text: the token at a position, and a token's range. */
export interface TokenPositions {
  tokenAt(position: number): number | undefined;
  tokenRange(token: number): readonly [number, number] | undefined;
}

/**
 * The same masks as `masksFromSpans`, found from the tokens at each span's ends (`tokenAt`, as transformers uses
 * `char_to_token`) without fetching every token's offsets. Byte-level BPE splits a character's bytes over several
 * tokens whose offsets overlap, and `tokenAt` names only the first: the tokens after the last one that still reach
 * into the span count too. Undefined where the shortcut cannot be sure (a span end on no token, offsets out of
 * order): the caller then uses the offsets.
 */
export function masksFromSpanEnds(tokenCount: number, spans: readonly Span[], positions: TokenPositions): number[] | undefined {
  const mask = new Array<number>(tokenCount).fill(0);
  for (const [start, end] of mergeSpans(spans)) {
    const first = positions.tokenAt(start);
    let last = positions.tokenAt(end - 1);
    if (first === undefined || last === undefined || last < first) return undefined;
    if (first > 0 && !endsBefore(positions.tokenRange(first - 1), start)) return undefined;
    for (let next = last + 1; next < tokenCount; next++) {
      const range = positions.tokenRange(next);
      if (!range) return undefined;
      if (range[0] >= end) break;
      if (range[1] <= start) return undefined;
      last = next;
    }
    mask.fill(1, first, last + 1);
  }
  return mask;
}

function hasTokenPositions(tokenized: TokenizedText): tokenized is TokenizedText & TokenPositions {
  return tokenized.tokenAt !== undefined && tokenized.tokenRange !== undefined;
}

function endsBefore(range: readonly [number, number] | undefined, position: number): boolean {
  return range !== undefined && range[1] <= position;
}

/** `assistant_masks` of a tokenized text: from the span ends when the adapter can tell, else from the offsets. */
export function assistantMasksOf(tokenized: TokenizedText, spans: readonly Span[]): number[] {
  const fromEnds = hasTokenPositions(tokenized) ? masksFromSpanEnds(tokenized.ids.length, spans, tokenized) : undefined;
  return fromEnds ?? masksFromSpans(tokenized.offsets, spans);
}

/** Non-empty spans as sorted, disjoint ranges (nested blocks give nested spans). */
export function mergeSpans(spans: readonly Span[]): Array<[number, number]> {
  const sorted = spans.filter(([start, end]) => end > start).sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Index of the first range whose end lies after `position` (binary search over sorted disjoint ranges). */
function firstEndingAfter(ranges: ReadonlyArray<readonly [number, number]>, position: number): number {
  let low = 0;
  let high = ranges.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (ranges[mid]![1] <= position) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Causal-LM labels: the token id where the mask is 1, `ignoreIndex` (-100) elsewhere. */
export function labelsFromMasks(inputIds: readonly number[], masks: readonly number[], ignoreIndex = -100): number[] {
  if (inputIds.length !== masks.length) {
    throw new RangeError(`input_ids has ${inputIds.length} tokens but the mask has ${masks.length}`);
  }
  return inputIds.map((id, i) => (masks[i] ? id : ignoreIndex));
}

export type Truncation = "right" | "left";

/** Keeps `maxLength` tokens of every row: the first ones (`right`, cutting the end) or the last ones (`left`). */
export function truncateRows<T extends Record<string, readonly unknown[]>>(rows: T, maxLength: number, side: Truncation): T {
  const out: Record<string, unknown[]> = {};
  for (const [key, row] of Object.entries(rows)) {
    out[key] = row.length <= maxLength ? [...row] : side === "right" ? row.slice(0, maxLength) : row.slice(row.length - maxLength);
  }
  return out as unknown as T;
}
