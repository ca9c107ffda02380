/** The result of tokenizing one text without added special tokens. */
export interface TokenizedText {
  ids: number[];
  /**
   * Per token, the `[start, end)` range of the input it came from, in UTF-16 code units. An adapter may compute it
   * on first read (the native binding hands offsets over one small array per token, the main cost of masks).
   */
  readonly offsets: Array<[number, number]>;
  /**
   * The index of the first token whose offsets contain the UTF-16 position `position`, as transformers'
   * `char_to_token`; undefined where no token does. Optional: adapters that can answer without all the offsets
   * provide it, and masks are then found from the spans' ends alone.
   */
  tokenAt?(position: number): number | undefined;
  /** Token `token`'s `[start, end)` in UTF-16 code units (an entry of `offsets`); provided along with `tokenAt`. */
  tokenRange?(token: number): [number, number] | undefined;
}

/**
 * What the library needs from a tokenizer. Adapters wrap the native `tokenizers` binding,
 * `@huggingface/tokenizers` and transformers.js tokenizers in it.
 */
export interface TokenizerLike {
  /** A short name for messages, e.g. `tokenizers (native)`. */
  readonly kind: string;
  /** Tokenize without adding special tokens (as `apply_chat_template` does). Async because the native binding is. */
  encode(text: string): Promise<TokenizedText>;
  /** Many texts at once; adapters whose library batches natively implement it. */
  encodeBatch?(texts: string[]): Promise<TokenizedText[]>;
  tokenToId(token: string): number | undefined;
  idToToken(id: number): string | undefined;
  /** `tokenizer_config.json` when known: special tokens and `chat_template` come from it. */
  readonly config?: TokenizerConfig;
}

/** The parts of `tokenizer_config.json` the library reads. Special tokens may be strings or `{ content }` objects. */
export interface TokenizerConfig {
  chat_template?: string | NamedChatTemplate[];
  bos_token?: string | { content: string } | null;
  eos_token?: string | { content: string } | null;
  pad_token?: string | { content: string } | null;
  unk_token?: string | { content: string } | null;
  [key: string]: unknown;
}

export interface NamedChatTemplate {
  name: string;
  template: string;
}
