import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignedSlice, applyChanges } from "../src/tokenizer/aligned-text.ts";
import {
  codePointIndexOfUtf16,
  codePointStarts,
  codePointToUtf16Offsets,
  countCodePoints,
  utf16ToCodePointOffsets,
} from "../src/tokenizer/offsets.ts";
import { type UnicodeForm, unicodeNormalizationChanges } from "../src/tokenizer/unicode-normalization-changes.ts";

describe("code point ↔ UTF-16 offsets", () => {
  it("counts an astral character as one code point and two code units", () => {
    const text = "a😀b";
    expect(countCodePoints(text)).toBe(3);
    expect(Array.from(codePointStarts(text))).toEqual([0, 1, 3, 4]);
    expect(Array.from(codePointIndexOfUtf16(text))).toEqual([0, 1, 1, 2, 3]);
    expect(codePointToUtf16Offsets(text, [[1, 2], [0, 3], [2, 2]])).toEqual([[1, 3], [0, 4], [3, 3]]);
    expect(utf16ToCodePointOffsets(text, [[1, 3], [3, 4]])).toEqual([[1, 2], [2, 3]]);
  });

  it("handles ZWJ sequences, flags and CJK", () => {
    const family = "👨‍👩‍👧"; // 3 astral emoji joined by 2 ZWJs: 5 code points, 8 code units
    const text = `中${family}🇯🇵文`;
    expect(family.length).toBe(8);
    expect(countCodePoints(text)).toBe(1 + 5 + 2 + 1);
    // The flag is code points 6–7, after 中 (1 unit) and the family (8 units).
    expect(codePointToUtf16Offsets(text, [[6, 8]])).toEqual([[9, 13]]);
    expect(text.slice(9, 13)).toBe("🇯🇵");
    expect(codePointToUtf16Offsets(text, [[8, 9]]).map(([s, e]) => text.slice(s, e))).toEqual(["文"]);
  });

  it("counts a lone surrogate as one code point, like for…of", () => {
    const text = "a\ud800b\udc00";
    expect(countCodePoints(text)).toBe(Array.from(text).length);
    expect(codePointToUtf16Offsets(text, [[1, 2], [3, 4]])).toEqual([[1, 2], [3, 4]]);
  });

  it("rejects offsets outside the text", () => {
    expect(() => codePointToUtf16Offsets("ab", [[0, 3]])).toThrow(RangeError);
    expect(() => codePointToUtf16Offsets("ab", [[-1, 1]])).toThrow(RangeError);
    expect(codePointToUtf16Offsets("", [[0, 0]])).toEqual([[0, 0]]);
  });

  it("round-trips any string's code point boundaries", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => {
        const chars = Array.from(text);
        const byCodePoint = chars.map((_, i) => [i, i + 1] as [number, number]);
        const utf16 = codePointToUtf16Offsets(text, byCodePoint);
        expect(utf16.map(([s, e]) => text.slice(s, e))).toEqual(chars);
        expect(utf16ToCodePointOffsets(text, utf16)).toEqual(byCodePoint);
      }),
    );
  });
});

describe("normalization with alignments", () => {
  const forms: UnicodeForm[] = ["NFC", "NFD", "NFKC", "NFKD"];
  const normalizedBy = (text: string, form: UnicodeForm) => {
    const aligned = applyChanges(alignedSlice(text, 0, text.length), unicodeNormalizationChanges(Array.from(text, (c) => c.codePointAt(0) as number), form));
    return { text: String.fromCodePoint(...aligned.codePoints), aligned };
  };

  it.each(forms)("%s gives the same text as String.prototype.normalize", (form) => {
    const markish = fc.oneof(
      fc.integer({ min: 0x41, max: 0x7a }),
      fc.integer({ min: 0xc0, max: 0x24f }),
      fc.integer({ min: 0x300, max: 0x36f }),
      fc.integer({ min: 0x1100, max: 0x11ff }),
      fc.integer({ min: 0xac00, max: 0xd7a3 }),
      fc.integer({ min: 0xfb00, max: 0xfb4f }),
      fc.integer({ min: 0x1e00, max: 0x1fff }),
    );
    fc.assert(
      fc.property(fc.array(markish, { maxLength: 12 }), (codePoints) => {
        const text = String.fromCodePoint(...codePoints);
        expect(normalizedBy(text, form).text).toBe(text.normalize(form));
      }),
      { numRuns: 500 },
    );
  });

  it("aligns a composed character with the first code point it absorbed", () => {
    const { text, aligned } = normalizedBy("Cafe\u0301!", "NFC");
    expect(text).toBe("Café!");
    expect(aligned.starts).toEqual([0, 1, 2, 3, 5]);
    expect(aligned.ends).toEqual([1, 2, 3, 4, 6]);
  });

  it("aligns every part of a decomposition with the character it came from", () => {
    const { text, aligned } = normalizedBy("x각ﬁ", "NFKD");
    expect(text).toBe("x\u1100\u1161\u11a8fi");
    expect(aligned.starts).toEqual([0, 1, 1, 1, 2, 2]);
    expect(aligned.ends).toEqual([1, 2, 2, 2, 3, 3]);
  });

  it("keeps astral characters as one aligned unit", () => {
    const { aligned } = normalizedBy("😀a\u0301", "NFC");
    expect(aligned.starts).toEqual([0, 2]);
    expect(aligned.ends).toEqual([2, 3]);
  });
});
