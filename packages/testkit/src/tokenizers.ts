import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fromHfTokenizer, fromTransformersTokenizer, type TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";

export interface TokenizerAdapters {
  /** The official native binding: the reference for ids and offsets. */
  native: TokenizerLike;
  /** The pure-JS adapters (`@huggingface/tokenizers`, and transformers.js when it is installed). */
  others: TokenizerLike[];
}

/**
 * The same tokenizer folder through every adapter. transformers.js is an optional peer: when it cannot be loaded
 * the error says why (its adapter is then missing from `others`, and the kit's adapter check says so).
 */
export async function loadTokenizerAdapters(dir: string): Promise<TokenizerAdapters> {
  const native = await loadTokenizer(dir);
  const tokenizerJson = JSON.parse(await readFile(join(dir, "tokenizer.json"), "utf8"));
  const { Tokenizer } = await import("@huggingface/tokenizers");
  const others: TokenizerLike[] = [fromHfTokenizer(new Tokenizer(tokenizerJson, native.config), native.config)];
  others.push(await loadTransformersJs(dir, native.config));
  return { native, others };
}

async function loadTransformersJs(dir: string, config: TokenizerLike["config"]): Promise<TokenizerLike> {
  let transformers: typeof import("@huggingface/transformers");
  try {
    transformers = await import("@huggingface/transformers");
  } catch (error) {
    throw new Error(
      `The kit compares masks from transformers.js too, and cannot import @huggingface/transformers (${(error as Error).message}). Install it as a devDependency.`,
    );
  }
  transformers.env.allowRemoteModels = false;
  transformers.env.allowLocalModels = true;
  transformers.env.localModelPath = "";
  const tokenizer = await transformers.AutoTokenizer.from_pretrained(dir, { local_files_only: true });
  return fromTransformersTokenizer(tokenizer, config);
}
