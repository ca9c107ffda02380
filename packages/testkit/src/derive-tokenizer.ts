import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fingerprint } from "@training-templates/core";

export interface DeriveTokenizerOptions {
  /** A real tokenizer folder (`tokenizer.json`, `tokenizer_config.json`) to start from. */
  base: string;
  /** Added tokens to give new contents, by id (e.g. a reserved token that is `<|eom_id|>` in the family's tokenizer). */
  rename?: Record<number, string>;
  /** Special tokens to append as new added tokens, with the next free ids. */
  add?: string[];
  /** Keys to set in `tokenizer_config.json` (`bos_token`, `eos_token`, `chat_template`, …). */
  config?: Record<string, unknown>;
}

interface AddedTokenJson {
  id: number;
  content: string;
  special: boolean;
  [key: string]: unknown;
}

/**
 * A tokenizer folder built from a real base tokenizer plus a family's special tokens, for families with no real
 * tokenizer at hand: same vocabulary and merges, the family's special tokens as added tokens. Written once per
 * distinct recipe under the OS temp folder; returns the folder.
 */
export function deriveTokenizer(options: DeriveTokenizerOptions): string {
  const tokenizer = JSON.parse(readFileSync(join(options.base, "tokenizer.json"), "utf8")) as { added_tokens: AddedTokenJson[]; model: { vocab?: unknown } };
  const config = JSON.parse(readFileSync(join(options.base, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
  const decoder = (config.added_tokens_decoder ?? {}) as Record<string, { content: string }>;
  for (const [id, content] of Object.entries(options.rename ?? {})) {
    const token = tokenizer.added_tokens.find((added) => added.id === Number(id));
    if (!token) throw new Error(`deriveTokenizer: the base tokenizer has no added token with id ${id}`);
    token.content = content;
    if (decoder[id]) decoder[id].content = content;
  }
  let nextId = tokenizer.added_tokens.reduce((max, added) => Math.max(max, added.id + 1), vocabularySize(tokenizer.model.vocab));
  for (const content of options.add ?? []) {
    if (tokenizer.added_tokens.some((added) => added.content === content)) continue;
    const token: AddedTokenJson = { id: nextId++, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true };
    tokenizer.added_tokens.push(token);
    // The config's decoder entries are AddedToken keyword arguments, keyed by id: no `id` inside.
    const { id, ...entry } = token;
    decoder[String(id)] = entry;
  }
  const derivedConfig = { ...config, added_tokens_decoder: decoder, ...options.config };
  const files = { "tokenizer.json": JSON.stringify(tokenizer), "tokenizer_config.json": JSON.stringify(derivedConfig) };
  const dir = join(tmpdir(), "training-templates-derived-tokenizers", fingerprint(JSON.stringify(files)).slice(0, 16));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

function vocabularySize(vocab: unknown): number {
  if (Array.isArray(vocab)) return vocab.length;
  if (vocab && typeof vocab === "object") return Object.values(vocab as Record<string, number>).reduce((max, id) => Math.max(max, id + 1), 0);
  return 0;
}
