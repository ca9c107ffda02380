import { Tokenizer } from "@huggingface/tokenizers";
import { fromHfTokenizer, type TokenizerConfig, type TokenizerLike } from "@training-templates/core";
import { PlainProblem } from "./plain-error.ts";
import type { TokenizerFiles } from "./protocol.ts";

/**
 * A pure-JS tokenizer from the files' text, as `loadTokenizer` reads a folder in Node: `chat_template.jinja` beside
 * the config wins over its `chat_template`, as in transformers.
 */
export function loadTokenizer(files: TokenizerFiles): TokenizerLike {
  const json = parseJson(files.tokenizerJson, "tokenizer.json");
  const config = (files.tokenizerConfig === undefined ? {} : parseJson(files.tokenizerConfig, "tokenizer_config.json")) as TokenizerConfig;
  if (files.chatTemplateJinja !== undefined) config.chat_template = files.chatTemplateJinja;
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(json, config);
  } catch (error) {
    throw new PlainProblem("tokenizer.json cannot be used", `@huggingface/tokenizers refused it: ${(error as Error).message}`);
  }
  return fromHfTokenizer(tokenizer, config);
}

function parseJson(text: string, name: string): object {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new PlainProblem(`${name} is not valid JSON`, (error as Error).message);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new PlainProblem(`${name} is not a JSON object`, "pick the file the model ships under that name");
  return value;
}

/** One line about what was loaded: its origin, vocabulary and where its chat template comes from. */
export function describeTokenizer(files: TokenizerFiles, tokenizer: TokenizerLike): string {
  const own = tokenizer.config?.chat_template;
  const template =
    own === undefined || own === "" || (Array.isArray(own) && own.length === 0)
      ? "no chat template of its own"
      : files.chatTemplateJinja !== undefined
        ? "its chat template from chat_template.jinja"
        : Array.isArray(own)
          ? `${own.length} named chat templates (${own.map((entry) => entry.name).join(", ")})`
          : "its chat template from tokenizer_config.json";
  const config = files.tokenizerConfig === undefined ? " (no tokenizer_config.json: no special tokens for the template)" : "";
  return `Tokenizer from ${files.origin}: ${template}${config}.`;
}
