import type { Conversation } from "../types.ts";
import type { TokenizerConfig } from "../tokenizer/types.ts";

const SPECIAL_TOKEN_KEYS = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

/**
 * The special tokens transformers passes to a chat template (`tokenizer.special_tokens_map`), read from a
 * `tokenizer_config.json`, where each may be a string or an `{ "content": … }` object.
 */
export function specialTokensFromConfig(config: TokenizerConfig | undefined): Record<string, string> {
  const tokens: Record<string, string> = {};
  if (!config) return tokens;
  for (const key of SPECIAL_TOKEN_KEYS) {
    const value = config[key];
    if (typeof value === "string") tokens[key] = value;
    else if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") {
      tokens[key] = (value as { content: string }).content;
    }
  }
  return tokens;
}

/**
 * The variables a chat template sees, as transformers' `apply_chat_template` passes them: `messages`, `tools` and
 * `documents` (None when absent), `add_generation_prompt`, the special tokens, then the extra template kwargs.
 */
export function buildTemplateContext(
  conversation: Conversation,
  specialTokens: Record<string, string> = {},
  templateKwargs: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...specialTokens,
    ...conversation.chat_template_kwargs,
    ...templateKwargs,
    messages: conversation.messages,
    tools: conversation.tools ?? null,
    documents: conversation.documents ?? null,
    add_generation_prompt: conversation.add_generation_prompt ?? false,
  };
}

/**
 * Every special token's text a `tokenizer_config.json` names: the special tokens map, `additional_special_tokens`
 * and the `added_tokens_decoder` entries marked special. Derived masks look among them for the token that closes a
 * turn.
 */
export function specialTokenTextsFromConfig(config: TokenizerConfig | undefined): string[] {
  if (!config) return readSpecialTokenTexts(config);
  // Read once per config: some tokenizers list thousands of added tokens (Gemma 3), and callers ask per record.
  let texts = specialTokenTextsByConfig.get(config);
  if (!texts) specialTokenTextsByConfig.set(config, (texts = readSpecialTokenTexts(config)));
  return texts;
}

const specialTokenTextsByConfig = new WeakMap<TokenizerConfig, string[]>();

function readSpecialTokenTexts(config: TokenizerConfig | undefined): string[] {
  const texts = new Set(Object.values(specialTokensFromConfig(config)));
  if (!config) return [...texts];
  const contentOf = (value: unknown) =>
    typeof value === "string" ? value : value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string" ? (value as { content: string }).content : undefined;
  const additional = config["additional_special_tokens"];
  if (Array.isArray(additional)) for (const entry of additional) {
    const text = contentOf(entry);
    if (text) texts.add(text);
  }
  const decoder = config["added_tokens_decoder"];
  if (decoder && typeof decoder === "object") {
    for (const entry of Object.values(decoder as Record<string, unknown>)) {
      const text = contentOf(entry);
      if (text && (entry as { special?: unknown }).special === true) texts.add(text);
    }
  }
  texts.delete("");
  return [...texts];
}
