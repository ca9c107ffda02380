import type { Encoding, Tokenizer } from "tokenizers";
import { codePointIndexOfUtf16, codePointStarts, codePointToUtf16Offsets } from "./offsets.ts";
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

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Offsets are fetched only when read: masks need just the tokens at the span ends (`charToToken`). The lookups are
 * not enumerable, so the result still reads (and compares) as plain `{ ids, offsets }`.
 */
function toTokenizedText(text: string, encoding: Encoding): TokenizedText {
  let offsets: Array<[number, number]> | undefined;
  let codePointIndex: Uint32Array | undefined;
  let utf16Index: Uint32Array | undefined;
  const astral = SURROGATE.test(text);
  const toCodePoint = (position: number) => (astral ? (codePointIndex ??= codePointIndexOfUtf16(text))[position]! : position);
  const toUtf16 = (codePoint: number) => (astral ? (utf16Index ??= codePointStarts(text))[codePoint]! : codePoint);
  const tokenAt = (position: number) => {
    if (!Number.isInteger(position) || position < 0 || position >= text.length) return undefined;
    return encoding.charToToken(toCodePoint(position)) ?? undefined;
  };
  const tokenRange = (token: number): [number, number] | undefined => {
    const range = encoding.tokenToChars(token);
    return range ? [toUtf16(range[0]), toUtf16(range[1])] : undefined;
  };
  return Object.defineProperties(
    {
      ids: encoding.getIds(),
      get offsets() {
        return (offsets ??= codePointToUtf16Offsets(text, encoding.getOffsets()));
      },
    },
    { tokenAt: { value: tokenAt }, tokenRange: { value: tokenRange } },
  ) as TokenizedText;
}
