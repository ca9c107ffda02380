import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import fc from "fast-check";
import { Tokenizer as NativeTokenizer } from "tokenizers";
import { describe, expect, it } from "vitest";
import { TokenAlignmentError, UnsupportedTokenizerError } from "../src/tokenizer/errors.ts";
import { fromHfTokenizer } from "../src/tokenizer/hf-tokenizers.ts";
import { fromNativeTokenizer } from "../src/tokenizer/native.ts";

/**
 * Small byte-level BPE tokenizers built here, loaded by both the native binding and
 * `@huggingface/tokenizers`: the pure-JS adapter's offsets must equal the native ones for random
 * texts, for every normalizer, pre-tokenizer, added-token and post-processor option it supports.
 */

// GPT-2's byte-to-character table, written out independently of the code under test.
const BYTE_CHARS: string[] = (() => {
  const printable = [...range(0x21, 0x7e), ...range(0xa1, 0xac), ...range(0xae, 0xff)];
  const chars: string[] = [];
  let shifted = 0;
  for (let b = 0; b < 256; b++) chars.push(String.fromCharCode(printable.includes(b) ? b : 256 + shifted++));
  return chars;
})();

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const asByteChars = (text: string) => Array.from(new TextEncoder().encode(text), (b) => BYTE_CHARS[b]).join("");

/** Merges that build whole-character, multi-character and part-of-a-character tokens. */
const MERGES: Array<[string, string]> = [
  ["Ġ", "Ġ"],
  ["ĠĠ", "ĠĠ"],
  ["a", "b"],
  ["ab", "c"],
  ["Ċ", "Ċ"],
  [asByteChars("é").slice(0, 1), asByteChars("é").slice(1)],
  [asByteChars("\u0301").slice(0, 1), asByteChars("\u0301").slice(1)],
  ["e", asByteChars("\u0301")],
  ["ð", "Ł"],
  ["Ġ", "ð"],
  ["Ġ", "a"],
  ["ä", "¸"],
];

const ADDED_TOKENS = [
  { content: "<|sp|>", special: true, normalized: false },
  { content: "<L>", special: true, normalized: false, lstrip: true },
  { content: "<R>", special: true, normalized: false, rstrip: true },
  { content: "ﬁnd", special: false, normalized: true },
  { content: "<N>", special: false, normalized: true, lstrip: true, rstrip: true },
];

const QWEN_SPLIT = {
  type: "Split",
  pattern: {
    Regex:
      "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+",
  },
  behavior: "Isolated",
  invert: false,
};

const PRE_TOKENIZERS = {
  "GPT-2 ByteLevel": { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
  "Split + ByteLevel": {
    type: "Sequence",
    pretokenizers: [QWEN_SPLIT, { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false }],
  },
};

const NORMALIZERS = {
  none: null,
  NFC: { type: "NFC" },
  NFD: { type: "NFD" },
  NFKC: { type: "NFKC" },
  NFKD: { type: "NFKD" },
  "Sequence NFKD, NFC": { type: "Sequence", normalizers: [{ type: "NFKD" }, { type: "NFC" }] },
};

const POST_PROCESSORS = {
  none: null,
  "ByteLevel trim_offsets": { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: false },
  "ByteLevel trim_offsets add_prefix_space": {
    type: "Sequence",
    processors: [{ type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: false }],
  },
};

function tokenizerJson(normalizer: unknown, preTokenizer: unknown, postProcessor: unknown) {
  const vocab: Record<string, number> = {};
  for (const c of [...BYTE_CHARS].sort()) vocab[c] = Object.keys(vocab).length;
  for (const [a, b] of MERGES) vocab[a + b] = Object.keys(vocab).length;
  const base = Object.keys(vocab).length;
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: ADDED_TOKENS.map((t, i) => ({ id: base + i, single_word: false, lstrip: false, rstrip: false, ...t })),
    normalizer,
    pre_tokenizer: preTokenizer,
    post_processor: postProcessor,
    decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: false, use_regex: false },
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab,
      merges: MERGES.map(([a, b]) => `${a} ${b}`),
    },
  };
}

/** Pieces random texts are made of: marks that reorder and compose, compatibility characters, emoji, added tokens. */
const FRAGMENTS = [
  "a", "b", "c", "abc", "e", "x", " ", "  ", "   ", "\n", "\n\n", "\t", "'s", "1", "42", ".",
  "\u0301", "\u0323", "\u0302", "\u0325", "\u0308", "\u0345", "é", "ệ", "ẹ", "Å", "\u212b", "\u0344", "\u0f73",
  "\u1100", "\u1161", "\u11a8", "각", "ﬁ", "①", "½", "\u00a0", "\u3000", "ｶ", "\u3099", "が",
  "😀", "👍🏽", "🇫🇷", "\u200d", "👨‍👩‍👧", "中", "文", "ש", "ל", "ع", "𝔘",
  "<|sp|>", "<L>", "<R>", "ﬁnd", "find", "<N>", "<", ">", "|",
];

/**
 * Blocks of combining marks, Hangul jamo, compatibility and astral characters. Marks added to Unicode
 * after the tables of the Rust normalization crate (U+1DF6–U+1DFF, U+0D3B–U+0D3C, U+110C2) are left out:
 * the crate treats them as starters while JavaScript's `normalize` reorders them, so even the pure-JS
 * library's ids differ from the native ones there.
 */
const CODE_POINT_BLOCKS: Array<[number, number]> = [
  [0xc0, 0x24f], [0x300, 0x36f], [0x591, 0x5c7], [0x610, 0x61a], [0x64b, 0x65f], [0x900, 0x97f],
  [0xb00, 0xb7f], [0xd00, 0xd3a], [0xd3d, 0xd7f], [0xe31, 0xe3a], [0xf71, 0xf84], [0x1100, 0x11ff],
  [0x1b00, 0x1b7f], [0x1dc0, 0x1df5], [0x1e00, 0x1fff], [0x2000, 0x206f], [0x20d0, 0x20f0], [0x2460, 0x24ff],
  [0x3000, 0x303f], [0x3099, 0x309a], [0x3300, 0x33ff], [0xac00, 0xac40], [0xf900, 0xfaff], [0xfb00, 0xfb4f],
  [0xff00, 0xffef], [0x110a0, 0x110c1], [0x1d400, 0x1d4ff], [0x2f800, 0x2fa1f],
];

const codePointArbitrary = fc
  .oneof(...CODE_POINT_BLOCKS.map(([min, max]) => fc.integer({ min, max })))
  .map((codePoint) => String.fromCodePoint(codePoint));

const textArbitrary = fc
  .array(fc.oneof(fc.constantFrom(...FRAGMENTS), codePointArbitrary), { maxLength: 24 })
  .map((parts) => parts.join(""));

describe.each(Object.entries(NORMALIZERS))("normalizer %s", (_normalizerName, normalizer) => {
  describe.each(Object.entries(PRE_TOKENIZERS))("pre-tokenizer %s", (_preName, preTokenizer) => {
    it.each(Object.entries(POST_PROCESSORS))("post-processor %s: offsets equal the native binding's", async (_postName, post) => {
      const json = tokenizerJson(normalizer, preTokenizer, post);
      const native = fromNativeTokenizer(NativeTokenizer.fromString(JSON.stringify(json)));
      const pureJs = fromHfTokenizer(new JsTokenizer(json, {}));
      await fc.assert(
        fc.asyncProperty(textArbitrary, async (text) => {
          expect(await pureJs.encode(text)).toEqual(await native.encode(text));
        }),
        { numRuns: 200, seed: 20240611 },
      );
    });
  });
});

describe("unsupported pipelines are refused up front", () => {
  const split = PRE_TOKENIZERS["Split + ByteLevel"];
  it.each([
    ["a Lowercase normalizer", tokenizerJson({ type: "Lowercase" }, split, null), /Lowercase normalizer/],
    [
      "a Metaspace pre-tokenizer after a split",
      tokenizerJson(null, { type: "Sequence", pretokenizers: [QWEN_SPLIT, { type: "Metaspace", replacement: "▁" }] }, null),
      /Metaspace pre-tokenizer after another/,
    ],
    [
      "Metaspace together with ByteLevel",
      tokenizerJson(null, { type: "Sequence", pretokenizers: [{ type: "Metaspace", replacement: "▁" }, PRE_TOKENIZERS["GPT-2 ByteLevel"]] }, null),
      /Metaspace pre-tokenizer together with ByteLevel/,
    ],
    ["a Replace normalizer with a regex", tokenizerJson({ type: "Replace", pattern: { Regex: " +" }, content: "▁" }, split, null), /Replace \(regex pattern\)/],
    ["a pre-tokenizer that drops text", tokenizerJson(null, { ...QWEN_SPLIT, behavior: "Removed" }, null), /Split pre-tokenizer/],
    [
      "ByteLevel with add_prefix_space",
      tokenizerJson(null, { type: "ByteLevel", add_prefix_space: true, use_regex: true }, null),
      /add_prefix_space/,
    ],
  ])("%s", (_name, json, message) => {
    expect(() => fromHfTokenizer(new JsTokenizer(json, {}))).toThrow(UnsupportedTokenizerError);
    expect(() => fromHfTokenizer(new JsTokenizer(json, {}))).toThrow(message);
  });

  it("a WordPiece model", () => {
    const json = { ...tokenizerJson(null, split, null), model: { type: "WordPiece", vocab: { a: 0, "[UNK]": 1 }, unk_token: "[UNK]" } };
    expect(() => fromHfTokenizer(new JsTokenizer(json, {}))).toThrow(/only be computed for BPE models/);
  });
});

describe("tokens that do not spell the text", () => {
  const json = tokenizerJson(null, PRE_TOKENIZERS["Split + ByteLevel"], null);
  const lying = (ids: number[]) => {
    const tok = new JsTokenizer(json, {});
    Object.assign(tok, { encode: () => ({ ids, tokens: [], attention_mask: [] }) });
    return fromHfTokenizer(tok);
  };
  const idOf = (token: string) => new JsTokenizer(json, {}).token_to_id(token) as number;

  it("are reported instead of getting made-up offsets", async () => {
    await expect(lying([idOf("a"), idOf("c")]).encode("ab")).rejects.toThrow(TokenAlignmentError);
    await expect(lying([idOf("a")]).encode("ab")).rejects.toThrow(/cover 1 of the 2 bytes/);
    await expect(lying([idOf("<|sp|>")]).encode("no added token here")).rejects.toThrow(/<\|sp\|>/);
    await expect(lying([idOf("a"), idOf("b")]).encode("a<|sp|>b")).rejects.toThrow(/added token "<\|sp\|>" here but token 1 is id/);
    await expect(lying([idOf("a"), idOf("b"), idOf("c")]).encode("ab")).rejects.toThrow(/left over/);
  });
});
