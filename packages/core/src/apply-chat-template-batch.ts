import { encodingOf, renderForEncoding, type ApplyChatTemplateOptions, type ChatRendering, type ChatTemplateEncoding } from "./apply-chat-template.ts";
import type { TokenizedText, TokenizerLike } from "./tokenizer/types.ts";
import type { ChatMessage } from "./types.ts";

/** One conversation of a batch, with its own options (tools, kwargs, turns…). */
export interface ChatTemplateRequest {
  messages: ChatMessage[];
  options?: ApplyChatTemplateOptions;
}

/** Each request's encoding, or the error `applyChatTemplate` would have thrown for it: one bad conversation fails alone. */
export type ChatTemplateBatchResult = { ok: true; encoding: ChatTemplateEncoding } | { ok: false; error: unknown };

/**
 * `applyChatTemplate` over many conversations, with one tokenizer call for all their texts (`encodeBatch`, where the
 * adapter has it: the native binding then tokenizes on every core, and pays its per-call cost once). Results keep
 * the order of `requests`.
 */
export async function applyChatTemplateBatch(tokenizer: TokenizerLike, requests: readonly ChatTemplateRequest[]): Promise<ChatTemplateBatchResult[]> {
  const renderings = requests.map(({ messages, options }): { ok: true; rendering: ChatRendering } | { ok: false; error: unknown } => {
    try {
      return { ok: true, rendering: renderForEncoding(tokenizer, messages, options) };
    } catch (error) {
      return { ok: false, error };
    }
  });
  const texts = renderings.flatMap((rendered) => (rendered.ok ? [rendered.rendering.text] : []));
  const tokenized = await tokenizeAll(tokenizer, texts);
  let next = 0;
  return renderings.map((rendered, index) => {
    if (!rendered.ok) return rendered;
    const result = tokenized[next++]!;
    if (!result.ok) return result;
    try {
      return { ok: true, encoding: encodingOf(result.tokenized, rendered.rendering, requests[index]!.options) };
    } catch (error) {
      return { ok: false, error };
    }
  });
}

type Tokenized = { ok: true; tokenized: TokenizedText } | { ok: false; error: unknown };

/** One batch call; should it fail, each text alone, so that only the text at fault fails. */
async function tokenizeAll(tokenizer: TokenizerLike, texts: string[]): Promise<Tokenized[]> {
  if (texts.length === 0) return [];
  if (tokenizer.encodeBatch && texts.length > 1) {
    try {
      return (await tokenizer.encodeBatch(texts)).map((tokenized) => ({ ok: true, tokenized }));
    } catch {
      // Fall through: the texts one by one say which of them the tokenizer refuses.
    }
  }
  return Promise.all(
    texts.map((text) =>
      tokenizer.encode(text).then(
        (tokenized): Tokenized => ({ ok: true, tokenized }),
        (error: unknown): Tokenized => ({ ok: false, error }),
      ),
    ),
  );
}
