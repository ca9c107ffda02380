import { alignTokenOffsets } from "./align-tokens.ts";
import { planAlignment } from "./alignment-plan.ts";
import type { TokenizerJson } from "./tokenizer-json.ts";
import type { TokenizerConfig, TokenizerLike } from "./types.ts";

/** What a pure-JS tokenizer library gives: ids without offsets, its vocabulary and its `tokenizer.json`. */
export interface IdOnlyTokenizer {
  kind: string;
  tokenizerJson: TokenizerJson;
  encodeIds(text: string): number[];
  idToToken(id: number): string | undefined;
  tokenToId(token: string): number | undefined;
  config?: TokenizerConfig;
}

/**
 * A `TokenizerLike` over a tokenizer that reports ids only: offsets come from aligning the tokens with
 * the text. Unsupported pipelines are rejected here, before any text is encoded.
 */
export function withAlignedOffsets(tokenizer: IdOnlyTokenizer): TokenizerLike {
  const plan = planAlignment(tokenizer.tokenizerJson, tokenizer.kind);
  const idToToken = (id: number) => tokenizer.idToToken(id);
  return {
    kind: tokenizer.kind,
    config: tokenizer.config,
    async encode(text) {
      const ids = tokenizer.encodeIds(text);
      return { ids, offsets: alignTokenOffsets(text, ids, idToToken, plan) };
    },
    tokenToId: (token) => tokenizer.tokenToId(token),
    idToToken,
  };
}
