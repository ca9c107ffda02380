import type { Tokenizer } from "@huggingface/tokenizers";
import { withAlignedOffsets } from "./aligned-tokenizer.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { isTokenizerJson } from "./tokenizer-json.ts";
import type { TokenizerConfig, TokenizerLike } from "./types.ts";

/** What a `@huggingface/tokenizers` Tokenizer keeps from its constructor (private in its typings). */
interface ConstructorArguments {
  tokenizer?: unknown;
  config?: unknown;
}

/**
 * Wraps a pure-JS `@huggingface/tokenizers` Tokenizer, which reports ids but no offsets: offsets come from
 * aligning its tokens with the text (byte-level tokenizers only). `config` defaults to the
 * `tokenizer_config.json` the Tokenizer was constructed with.
 */
export function fromHfTokenizer(tok: Tokenizer, config?: TokenizerConfig): TokenizerLike {
  const { tokenizer: tokenizerJson, config: ownConfig } = tok as unknown as ConstructorArguments;
  if (!isTokenizerJson(tokenizerJson)) {
    throw new UnsupportedTokenizerError("@huggingface/tokenizers: this Tokenizer does not expose the tokenizer.json it was built from");
  }
  return withAlignedOffsets({
    kind: "@huggingface/tokenizers",
    tokenizerJson,
    encodeIds: (text) => tok.encode(text, { add_special_tokens: false }).ids,
    idToToken: (id) => tok.id_to_token(id),
    tokenToId: (token) => tok.token_to_id(token),
    config: config ?? (ownConfig as TokenizerConfig | undefined),
  });
}
