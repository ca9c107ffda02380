import { describe, expect, it } from "vitest";
import { labelsFromMasks, masksFromSpans, truncateRows } from "../src/index.ts";

describe("masksFromSpans", () => {
  const offsets: Array<[number, number]> = [[0, 3], [3, 5], [5, 9], [9, 10], [10, 14]];

  it("marks tokens inside a span, and tokens straddling its edges", () => {
    expect(masksFromSpans(offsets, [[4, 9]])).toEqual([0, 1, 1, 0, 0]);
    expect(masksFromSpans(offsets, [[3, 5], [10, 11]])).toEqual([0, 1, 0, 0, 1]);
  });

  it("marks nothing for an empty span (transformers marks a token there)", () => {
    expect(masksFromSpans(offsets, [[5, 5]])).toEqual([0, 0, 0, 0, 0]);
  });

  it("does not mark the whole row for a span that ends inside token 0 (a transformers edge bug)", () => {
    expect(masksFromSpans(offsets, [[0, 1]])).toEqual([1, 0, 0, 0, 0]);
  });

  it("handles nested and unsorted spans, and empty-offset tokens", () => {
    expect(masksFromSpans([[0, 2], [2, 2], [2, 4], [4, 6]], [[4, 6], [0, 4], [1, 2]])).toEqual([1, 0, 1, 1]);
  });
});

describe("truncation keeps masks aligned with ids", () => {
  const rows = { input_ids: [10, 11, 12, 13, 14], assistant_masks: [0, 1, 1, 0, 1] };

  it("right: keeps the first tokens, the spans after the cut are not shifted", () => {
    expect(truncateRows(rows, 3, "right")).toEqual({ input_ids: [10, 11, 12], assistant_masks: [0, 1, 1] });
  });

  it("left: keeps the last tokens with their masks (later spans are not zeroed)", () => {
    expect(truncateRows(rows, 3, "left")).toEqual({ input_ids: [12, 13, 14], assistant_masks: [1, 0, 1] });
  });

  it("leaves short rows alone", () => {
    expect(truncateRows(rows, 9, "left")).toEqual(rows);
  });
});

describe("labelsFromMasks", () => {
  it("puts -100 outside the masks", () => {
    expect(labelsFromMasks([5, 6, 7], [0, 1, 1])).toEqual([-100, 6, 7]);
  });
  it("refuses rows of different lengths", () => {
    expect(() => labelsFromMasks([5, 6], [1])).toThrow(/2 tokens but the mask has 1/);
  });
});
