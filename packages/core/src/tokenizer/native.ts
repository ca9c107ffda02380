import type { Encoding, Tokenizer } from "tokenizers";
import { codePointToUtf16Offsets } from "./offsets.ts";
import type { TokenizedText, TokenizerConfig, TokenizerLike } from "./types.ts";

/**
 * Wraps the native `tokenizers` binding. Its offsets count code points; they are turned into UTF-16.
 *
 * Truncation and padding are switched off on `tok`, as transformers does before encoding a chat:
 * a truncated or padded encoding would not cover the text it is aligned with.
 */
export function fromNativeTokenizer(tok: Tokenizer, config?: TokenizerConfig): TokenizerLike {
  tok.disableTruncation();
  tok.disablePadding();
  return {
    kind: "tokenizers (native)",
    config,
    async encode(text) {
      const encoding = await tok.encode(text, null, { addSpecialTokens: false });
      return toTokenizedText(text, encoding);
    },
    async encodeBatch(texts) {
      const encodings = await tok.encodeBatch(texts, { addSpecialTokens: false });
      return encodings.map((encoding, i) => toTokenizedText(texts[i] as string, encoding));
    },
    tokenToId: (token) => tok.tokenToId(token) ?? undefined,
    idToToken: (id) => tok.idToToken(id) ?? undefined,
  };
}

function toTokenizedText(text: string, encoding: Encoding): TokenizedText {
  return { ids: encoding.getIds(), offsets: codePointToUtf16Offsets(text, encoding.getOffsets()) };
}
