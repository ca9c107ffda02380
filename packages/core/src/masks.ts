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
