import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TokenizerLoadError } from "../src/tokenizer/errors.ts";
import { loadTokenizer } from "../src/tokenizer/load.ts";

const root = mkdtempSync(join(tmpdir(), "tokenizer-load-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A word-level tokenizer small enough to write inline; `truncation` checks that loading turns it off. */
const TOKENIZER_JSON = JSON.stringify({
  version: "1.0",
  truncation: { direction: "Right", max_length: 2, strategy: "LongestFirst", stride: 0 },
  padding: null,
  added_tokens: [{ id: 3, content: "<eos>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }],
  normalizer: null,
  pre_tokenizer: { type: "Whitespace" },
  post_processor: null,
  decoder: null,
  model: { type: "WordLevel", vocab: { hello: 0, "wörld": 1, "[UNK]": 2, "<eos>": 3 }, unk_token: "[UNK]" },
});

let folders = 0;
function folder(files: Record<string, string | Uint8Array>): string {
  const dir = join(root, `case-${folders++}`);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

const CONFIG = JSON.stringify({ eos_token: "<eos>", chat_template: "from config", bos_token: null });

async function loadError(dir: string): Promise<TokenizerLoadError> {
  const error: unknown = await loadTokenizer(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TokenizerLoadError);
  return error as TokenizerLoadError;
}

describe("loadTokenizer", () => {
  it("reads tokenizer.json and tokenizer_config.json and encodes without truncation", async () => {
    const dir = folder({ "tokenizer.json": TOKENIZER_JSON, "tokenizer_config.json": CONFIG });
    const tok = await loadTokenizer(dir);
    expect(tok.dir).toBe(dir);
    expect(tok.kind).toBe("tokenizers (native)");
    expect(tok.config).toEqual({ eos_token: "<eos>", chat_template: "from config", bos_token: null });
    const text = "😀 hello wörld<eos> hello";
    expect(await tok.encode(text)).toEqual({
      ids: [2, 0, 1, 3, 0],
      offsets: [[0, 2], [3, 8], [9, 14], [14, 19], [20, 25]],
    });
    expect(tok.tokenToId("<eos>")).toBe(3);
  });

  it("lets chat_template.jinja replace the config's template, reading it like Python's text mode", async () => {
    const dir = folder({
      "tokenizer.json": TOKENIZER_JSON,
      "tokenizer_config.json": CONFIG,
      "chat_template.jinja": "{{ bos_token }}\r\nline\rnext\n",
    });
    expect((await loadTokenizer(dir)).config.chat_template).toBe("{{ bos_token }}\nline\nnext\n");
  });

  it("collects additional_chat_templates/*.jinja as named templates after the default", async () => {
    const dir = folder({
      "tokenizer.json": TOKENIZER_JSON,
      "tokenizer_config.json": CONFIG,
      "chat_template.jinja": "main",
      "additional_chat_templates/tool_use.jinja": "tools",
      "additional_chat_templates/rag.jinja": "rag",
      "additional_chat_templates/notes.txt": "ignored",
    });
    expect((await loadTokenizer(dir)).config.chat_template).toEqual([
      { name: "default", template: "main" },
      { name: "rag", template: "rag" },
      { name: "tool_use", template: "tools" },
    ]);
  });

  it("fills a config without template from the template file, and works without tokenizer_config.json", async () => {
    const dir = folder({ "tokenizer.json": TOKENIZER_JSON, "chat_template.jinja": "only file" });
    expect((await loadTokenizer(dir)).config).toEqual({ chat_template: "only file" });
    const bare = folder({ "tokenizer.json": TOKENIZER_JSON });
    expect((await loadTokenizer(bare)).config).toEqual({});
  });

  it("keeps a list of named templates, and turns a {name: template} object into one", async () => {
    const list = [{ name: "default", template: "a" }, { name: "tool_use", template: "b" }];
    const listed = folder({ "tokenizer.json": TOKENIZER_JSON, "tokenizer_config.json": JSON.stringify({ chat_template: list }) });
    expect((await loadTokenizer(listed)).config.chat_template).toEqual(list);
    const mapped = folder({
      "tokenizer.json": TOKENIZER_JSON,
      "tokenizer_config.json": JSON.stringify({ chat_template: { default: "a", tool_use: "b" } }),
    });
    expect((await loadTokenizer(mapped)).config.chat_template).toEqual(list);
  });

  it.each([
    ["a missing folder", () => join(root, "does-not-exist"), "."],
    ["a folder without tokenizer.json", () => folder({ "tokenizer_config.json": CONFIG }), "tokenizer.json"],
    ["a tokenizer.json the library rejects", () => folder({ "tokenizer.json": '{"model": {"type": "Nope"}}' }), "tokenizer.json"],
    ["a tokenizer_config.json that is not JSON", () => folder({ "tokenizer.json": TOKENIZER_JSON, "tokenizer_config.json": "{oops" }), "tokenizer_config.json"],
    ["a tokenizer_config.json that is a list", () => folder({ "tokenizer.json": TOKENIZER_JSON, "tokenizer_config.json": "[]" }), "tokenizer_config.json"],
    [
      "a malformed chat_template",
      () => folder({ "tokenizer.json": TOKENIZER_JSON, "tokenizer_config.json": JSON.stringify({ chat_template: [{ name: "x" }] }) }),
      "tokenizer_config.json",
    ],
    [
      "a template file that is not UTF-8",
      () => folder({ "tokenizer.json": TOKENIZER_JSON, "chat_template.jinja": Uint8Array.of(0x7b, 0xff, 0x7d) }),
      "chat_template.jinja",
    ],
  ])("reports %s with a TokenizerLoadError naming the folder and file", async (_name, makeDir, file) => {
    const dir = makeDir();
    const error = await loadError(dir);
    expect(error.code).toBe("TOKENIZER_LOAD");
    expect(error.dir).toBe(dir);
    expect(error.file).toBe(file);
    expect(error.message).toContain(dir);
    expect(error.message).toContain(file);
  });
});
