import { byteLevelTokenBytes } from "./byte-level-alphabet.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import type { PipelineStepJson } from "./tokenizer-json.ts";

/** The UTF-8 bytes of the pre-tokenized text a model token stands for, or `undefined` if it spells none. */
export type TokenBytes = (token: string) => Uint8Array | undefined;

/** SentencePiece's byte pieces, as the Rust crate's `byte_fallback` names them (`format!("<{:#04X}>")`). */
const BYTE_PIECE = /^<0x([0-9A-F]{2})>$/;

const utf8 = new TextEncoder();

/**
 * How the model's tokens spell the text, or `UnsupportedTokenizerError`. Only BPE models without subword
 * prefixes or suffixes are supported: their tokens are pieces of the pre-tokenized text, written in GPT-2's
 * byte alphabet under a ByteLevel pre-tokenizer, and as themselves otherwise (SentencePiece style), where
 * `byte_fallback` turns characters missing from the vocabulary into `<0xXX>` byte pieces.
 */
export function modelTokenBytes(model: PipelineStepJson | undefined, byteLevel: boolean, label: string): TokenBytes {
  const prefix = model?.continuing_subword_prefix;
  const suffix = model?.end_of_word_suffix;
  if (model?.type !== "BPE" || (typeof prefix === "string" && prefix !== "") || (typeof suffix === "string" && suffix !== "")) {
    throw new UnsupportedTokenizerError(
      `${label}: offsets can only be computed for BPE models without subword prefixes or suffixes (model: ${String(model?.type)})`,
    );
  }
  if (byteLevel) return byteLevelTokenBytes;
  if (model.byte_fallback !== true) return (token) => utf8.encode(token);
  return (token) => {
    const byte = BYTE_PIECE.exec(token)?.[1];
    return byte === undefined ? utf8.encode(token) : Uint8Array.of(Number.parseInt(byte, 16));
  };
}
