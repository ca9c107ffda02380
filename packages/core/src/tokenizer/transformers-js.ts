import type { PreTrainedTokenizer } from "@huggingface/transformers";
import { withAlignedOffsets } from "./aligned-tokenizer.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { isTokenizerJson } from "./tokenizer-json.ts";
import type { TokenizerConfig, TokenizerLike } from "./types.ts";

/**
 * Wraps a transformers.js `PreTrainedTokenizer`. Ids come from its own `encode` (so subclasses that
 * change encoding are honoured); offsets from aligning the tokens with the text, like `fromHfTokenizer`.
 * `config` defaults to the tokenizer's `tokenizer_config.json`.
 */
export function fromTransformersTokenizer(tok: PreTrainedTokenizer, config?: TokenizerConfig): TokenizerLike {
  const tokenizerJson: unknown = tok._tokenizerJSON;
  if (!isTokenizerJson(tokenizerJson)) {
    throw new UnsupportedTokenizerError("transformers.js: this tokenizer does not expose its tokenizer.json (_tokenizerJSON)");
  }
  return withAlignedOffsets({
    kind: "transformers.js",
    tokenizerJson,
    encodeIds: (text) => tok.encode(text, { add_special_tokens: false }),
    idToToken: (id) => tok._tokenizer.id_to_token(id),
    tokenToId: (token) => tok._tokenizer.token_to_id(token),
    config: config ?? (tok._tokenizerConfig as TokenizerConfig | undefined),
  });
}
