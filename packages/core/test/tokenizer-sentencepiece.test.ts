import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Tokenizer as JsTokenizer } from "@huggingface/tokenizers";
import fc from "fast-check";
import { Tokenizer as NativeTokenizer } from "tokenizers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromHfTokenizer } from "../src/tokenizer/hf-tokenizers.ts";
import { type LoadedTokenizer, loadTokenizer } from "../src/tokenizer/load.ts";
import { fromTransformersTokenizer } from "../src/tokenizer/transformers-js.ts";
import type { TokenizerLike } from "../src/tokenizer/types.ts";

/**
 * Real SentencePiece-style BPE tokenizers: Llama 2 (Prepend and Replace normalizers putting `▁` in the
 * text, `<0xXX>` byte fallback; the tokenizer Mistral v0.x and Phi-3 share) and Gemma 3 (spaces replaced
 * by `▁`, nothing prepended, thousands of added tokens), and Llama 2's vocabulary with the pipeline
 * transformers 5 builds for it instead of the file's (no normalizer, a Metaspace pre-tokenizer that
 * prepends `▁` to every stretch not starting with one). The pure-JS adapters must give the native
 * binding's ids and offsets.
 */

const packageDir = (name: string) => fileURLToPath(new URL(`../node_modules/@lenml/tokenizer-${name}/`, import.meta.url));

const MARK = "\u2581";

const SHARED_CORPUS = [
  "Hello, world! The quick brown fox jumps over the lazy dog.",
  "Emoji: 👋🏽 waves, a family 👨‍👩‍👧‍👦 (ZWJ), flags 🇫🇷🇯🇵 and 🏳️‍🌈, keycap 1️⃣.",
  "中文字符和日本語のテキスト、한국어 텍스트도 있습니다。",
  "Combining marks: Cafe\u0301, nai\u0308ve, e\u0301\u0301x, a\u0301\u0323, \u1100\u1161\u11a8, Z\u0335\u0321a\u0336lgo.",
  "Precomposed: café, naïve, ệ, 각, Å, ﬁ, ①.",
  "Right-to-left: שלום עולם, مرحبا بالعالم, mixed עברית and English.",
  "   leading spaces, \t tabs\t\tand\n\n\nnewlines\r\n  and trailing   ",
  "\n",
  "",
  " ",
  "Byte fallback: 𠀋🦩ꙮᚠ \u{1F9CC} 𝔘𝔫𝔦 \u0f73 and a lone ▁ mark, ▁▁ two, x▁y.",
  "Numbers 1234567 and 3.14159, code `const x = 42;` and 'quotes' don't won't it's.",
  "Astral CJK 𠀋𡈽𢭃 and math 𝔘𝔫𝔦𝔠𝔬𝔡𝔢, Devanagari हिन्दी, Thai ภาษาไทย.",
  "Other models' tokens stay text: <|im_start|>user\nhi<|im_end|> <|eot_id|>",
];

interface Model {
  name: string;
  /** The @lenml package the tokenizer files come from. */
  source: "llama2" | "gemma3";
  /** Changes to its `tokenizer.json` before loading. */
  pipeline?: { normalizer: unknown; pre_tokenizer: unknown };
  /** Whether the tokenizer puts a `▁` in front of the text and of what follows an added token. */
  prepends: boolean;
  corpus: string[];
  /** Fragments of random texts besides the shared ones: the model's added tokens and chat markers. */
  fragments: string[];
}

const LLAMA2_CORPUS = [
  "<s>[INST] <<SYS>>\nYou are helpful.\n<</SYS>>\n\nHi there [/INST] Hello! </s><s>[INST] Again [/INST]",
  "[INST]hi[/INST]ok</s>",
  "hi</s><s>[INST] x",
  "<s><s> <unk>x</s>",
  " <s> spaced </s> ",
];
const LLAMA2_FRAGMENTS = ["<s>", "</s>", "<unk>", "[INST]", "[/INST]", "<<SYS>>", "<</SYS>>"];

const MODELS: Model[] = [
  { name: "llama2", source: "llama2", prepends: true, corpus: LLAMA2_CORPUS, fragments: LLAMA2_FRAGMENTS },
  {
    name: "llama2 as transformers 5 loads it",
    source: "llama2",
    pipeline: { normalizer: null, pre_tokenizer: { type: "Metaspace", replacement: MARK, prepend_scheme: "always", split: false } },
    prepends: true,
    corpus: LLAMA2_CORPUS,
    fragments: LLAMA2_FRAGMENTS,
  },
  {
    name: "gemma3",
    source: "gemma3",
    prepends: false,
    corpus: [
      "<bos><start_of_turn>user\nHi there<end_of_turn>\n<start_of_turn>model\nHello!<end_of_turn>\n",
      "<start_of_turn>model\n<end_of_turn><eos><pad>",
      "x<start_of_image><image_soft_token><end_of_image>y <mask> [multimodal] <unused0><unused99>",
      "tabs\t\t\t\tand newlines\n\n\n\n\n and spaces          end",
      "a<bos>b <eos> c",
    ],
    fragments: ["<bos>", "<eos>", "<pad>", "<start_of_turn>", "<end_of_turn>", "<start_of_image>", "<mask>", "[multimodal]", "<unused7>"],
  },
];

interface Adapters {
  native: LoadedTokenizer;
  raw: NativeTokenizer;
  hf: TokenizerLike;
  transformers: TokenizerLike;
}

const adapters = new Map<string, Adapters>();

/**
 * A folder with the model's files, its `tokenizer.json` rewritten when the model changes the pipeline, so
 * that every adapter loads the same tokenizer the way it loads any folder.
 */
const temporaryFolders: string[] = [];

function modelFolder(model: Model): { parent: string; dir: string } {
  const parent = packageDir(model.source);
  if (model.pipeline === undefined) return { parent, dir: `${parent}models/` };
  const copy = mkdtempSync(join(tmpdir(), "sentencepiece-"));
  temporaryFolders.push(copy);
  const dir = join(copy, "models/");
  mkdirSync(dir);
  const json = JSON.parse(readFileSync(`${parent}models/tokenizer.json`, "utf8")) as object;
  writeFileSync(`${dir}tokenizer.json`, JSON.stringify({ ...json, ...model.pipeline }));
  writeFileSync(`${dir}tokenizer_config.json`, readFileSync(`${parent}models/tokenizer_config.json`));
  return { parent: copy, dir };
}

beforeAll(async () => {
  const { AutoTokenizer, env } = await import("@huggingface/transformers");
  env.allowRemoteModels = false;
  for (const model of MODELS) {
    const { parent, dir } = modelFolder(model);
    const native = await loadTokenizer(dir);
    const raw = NativeTokenizer.fromFile(`${dir}tokenizer.json`);
    const json: unknown = JSON.parse(readFileSync(`${dir}tokenizer.json`, "utf8"));
    const config: unknown = JSON.parse(readFileSync(`${dir}tokenizer_config.json`, "utf8"));
    const hf = fromHfTokenizer(new JsTokenizer(json as object, config as object));
    env.localModelPath = parent;
    const transformers = fromTransformersTokenizer(await AutoTokenizer.from_pretrained("models", { local_files_only: true }));
    adapters.set(model.name, { native, raw, hf, transformers });
  }
}, 180_000);

afterAll(() => {
  for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
});

const get = (name: string) => adapters.get(name) as Adapters;

const addedTokenContents = new Map<string, Set<string>>();
const addedTokens = (name: string) => {
  let contents = addedTokenContents.get(name);
  if (contents === undefined) {
    const json = JSON.parse(readFileSync(`${packageDir(name)}models/tokenizer.json`, "utf8")) as { added_tokens: Array<{ content: string }> };
    contents = new Set(json.added_tokens.map((token) => token.content));
    addedTokenContents.set(name, contents);
  }
  return contents;
};

const RANDOM_FRAGMENTS = [
  "Hello", " world", "the", "a", " ", "  ", "   ", "\n", "\n\n", "\t", "\t\t", "\r\n", MARK, MARK + MARK, "é", "e\u0301",
  "\u0301", "中文", "😀", "👨‍👩‍👧", "🇫🇷", "\u200d", "𠀋", "🦩", "ꙮ", "ש", "مرحبا", "1234", ".", "'s", "<", ">", "[", "]",
  "/", "\u00a0", "\u3000", "ﬁ",
];

describe.each(MODELS)("$name", ({ name, source, prepends, corpus, fragments }) => {
  it.each([...SHARED_CORPUS, ...corpus].map((text) => [JSON.stringify(text).slice(0, 48), text]))(
    "pure-JS ids and offsets equal the native binding's: %s",
    async (_label, text) => {
      const { native, hf, transformers } = get(name);
      const expected = await native.encode(text);
      expect(await hf.encode(text)).toEqual(expected);
      expect(await transformers.encode(text)).toEqual(expected);
    },
  );

  it("pure-JS ids and offsets equal the native binding's for random texts", async () => {
    const { native, hf, transformers } = get(name);
    const text = fc.array(fc.constantFrom(...RANDOM_FRAGMENTS, ...fragments), { maxLength: 30 }).map((parts) => parts.join(""));
    await fc.assert(
      fc.asyncProperty(text, async (sample) => {
        const expected = await native.encode(sample);
        expect(await hf.encode(sample)).toEqual(expected);
        expect(await transformers.encode(sample)).toEqual(expected);
      }),
      { numRuns: 150, seed: 20240613 },
    );
  });

  it("native offsets: a piece's text, a prepended ▁ with the first character, byte pieces with their whole character", async () => {
    const { native } = get(name);
    for (const text of [...SHARED_CORPUS, ...corpus]) {
      const { ids, offsets } = await native.encode(text);
      const covered = new Array<boolean>(text.length).fill(false);
      offsets.forEach(([start, end], i) => {
        const token = native.idToToken(ids[i] as number) as string;
        const slice = text.slice(start, end);
        covered.fill(true, start, end);
        const byte = /^<0x([0-9A-F]{2})>$/.exec(token)?.[1];
        if (byte !== undefined) {
          // A byte piece covers exactly the one character whose UTF-8 holds it.
          expect(Array.from(slice), `${token} in ${JSON.stringify(text)}`).toHaveLength(1);
          expect(Array.from(new TextEncoder().encode(slice))).toContain(Number.parseInt(byte, 16));
          return;
        }
        // Spaces became ▁ (and a ▁ in the text is one too); a ▁ prepended to the text and to the text after
        // an added token stands for that stretch's first character.
        const spelled = token.replaceAll(MARK, " ");
        const original = slice.replaceAll(MARK, " ");
        const previous = i === 0 ? undefined : native.idToToken(ids[i - 1] as number);
        const startsStretch = i === 0 || addedTokens(source).has(previous as string);
        const prepended =
          prepends &&
          startsStretch &&
          spelled.startsWith(" ") &&
          (spelled.slice(1) === original || (spelled === " " && Array.from(slice).length === 1));
        expect(original === spelled || prepended, `${JSON.stringify(token)} for ${JSON.stringify(slice)}`).toBe(true);
      });
      expect(covered.every(Boolean), JSON.stringify(text)).toBe(true);
    }
  });
});

describe("what the native binding does with ▁ and special tokens (addSpecialTokens: false, as apply_chat_template)", () => {
  const tokensOf = async (name: string, text: string) => {
    const { native } = get(name);
    const { ids, offsets } = await native.encode(text);
    return ids.map((id, i) => [native.idToToken(id), ...(offsets[i] as [number, number])]);
  };

  it("Llama 2 prepends ▁ to the text and to every stretch after an added token, standing for its first character", async () => {
    expect(await tokensOf("llama2", "Hello world")).toEqual([
      [`${MARK}Hello`, 0, 5],
      [`${MARK}world`, 5, 11],
    ]);
    // `[INST]` is plain text for Llama 2; `<s>` and `</s>` are added tokens, and the text after each gets its own ▁.
    expect(await tokensOf("llama2", "hi</s><s>[INST]x")).toEqual([
      [`${MARK}hi`, 0, 2],
      ["</s>", 2, 6],
      ["<s>", 6, 9],
      [`${MARK}[`, 9, 10],
      ["INST", 10, 14],
      ["]", 14, 15],
      ["x", 15, 16],
    ]);
  });

  it("Llama 2's file prepends ▁ even before a space; the Metaspace transformers 5 builds for it does not", async () => {
    // Both ▁ of "▁▁b" stand for the space: the prepended one takes the first character's range.
    expect(await tokensOf("llama2", "a</s> b")).toEqual([
      [`${MARK}a`, 0, 1],
      ["</s>", 1, 5],
      [MARK, 5, 6],
      [`${MARK}b`, 5, 7],
    ]);
    expect(await tokensOf("llama2 as transformers 5 loads it", "a</s> b")).toEqual([
      [`${MARK}a`, 0, 1],
      ["</s>", 1, 5],
      [`${MARK}b`, 5, 7],
    ]);
  });

  it("Gemma 3 prepends nothing: the first word and the text after a special token have no ▁", async () => {
    expect(await tokensOf("gemma3", "Hello world")).toEqual([
      ["Hello", 0, 5],
      [`${MARK}world`, 5, 11],
    ]);
    expect(await tokensOf("gemma3", "<start_of_turn>user\n")).toEqual([
      ["<start_of_turn>", 0, 15],
      ["user", 15, 19],
      ["\n", 19, 20],
    ]);
  });

  it.each([
    ["llama2", "<s>"],
    ["gemma3", "<bos>"],
  ])("%s: adding special tokens only puts %s in front, the ▁ is there either way", async (name, bos) => {
    const { raw, native } = get(name);
    for (const text of ["Hello world", "[INST] hi [/INST]", " x", ""]) {
      const withSpecial = (await raw.encode(text, null, { addSpecialTokens: true })).getIds();
      const without = (await native.encode(text)).ids;
      expect(withSpecial).toEqual([native.tokenToId(bos), ...without]);
    }
  });
});
