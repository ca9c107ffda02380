import { type AlignedNormalizer, buildAlignedNormalizer, normalizeContent } from "./aligned-normalizer.ts";
import { type AddedTokenMatcher, type AddedTokenPattern, buildAddedTokenMatcher } from "./added-token-matcher.ts";
import { buildAlignedPreTokenizer } from "./aligned-pre-tokenizer.ts";
import type { AlignedText } from "./aligned-text.ts";
import { codePointsOf } from "./aligned-text-edits.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { modelTokenBytes, type TokenBytes } from "./model-token-bytes.ts";
import { flattenSequence, type PipelineStepJson, type TokenizerJson } from "./tokenizer-json.ts";

/** What the alignment of a tokenizer's tokens with its input needs to know about the tokenizer. */
export interface AlignmentPlan {
  normalize: AlignedNormalizer;
  /** The pre-tokenizer's change to each piece of normalized text between added tokens. */
  preTokenize: (piece: AlignedText) => AlignedText;
  tokenBytes: TokenBytes;
  /** Finds the added tokens matched in the original text, before normalization (`normalized: false`). */
  findAnchoredAddedTokens: AddedTokenMatcher;
  /** Finds the added tokens matched in each normalized stretch between those. */
  findNormalizedAddedTokens: AddedTokenMatcher;
  /** The post-processors that trim spaces off offsets, in order (`add_prefix_space` of each). */
  offsetTrims: boolean[];
}

const OFFSET_NEUTRAL_PROCESSORS = new Set(["TemplateProcessing", "BertProcessing"]);

/**
 * Reads a `tokenizer.json` into an alignment plan, or throws `UnsupportedTokenizerError` naming the
 * pipeline step whose effect on offsets is not reproduced. Supported: BPE models, byte-level (GPT-2 style)
 * or SentencePiece style (pieces with `▁`, `byte_fallback`); normalizers and pre-tokenizers whose changes
 * to the text are reproduced with their alignments; and any added tokens.
 */
export function planAlignment(json: TokenizerJson, label: string): AlignmentPlan {
  const preTokenizer = buildAlignedPreTokenizer(json.pre_tokenizer, label);
  const tokenBytes = modelTokenBytes(json.model, preTokenizer.byteLevel, label);
  const normalize = buildAlignedNormalizer(json.normalizer, label);
  const anchored: AddedTokenPattern[] = [];
  const normalized: AddedTokenPattern[] = [];
  for (const token of json.added_tokens ?? []) {
    const options = {
      id: token.id,
      content: token.content,
      lstrip: token.lstrip === true,
      rstrip: token.rstrip === true,
      singleWord: token.single_word === true,
    };
    // Like the Rust crate, `normalized` defaults to true for non-special tokens; their text is looked for
    // normalized, in the normalized text, after the others were looked for in the original text.
    if (token.normalized ?? token.special !== true) {
      normalized.push({ ...options, codePoints: normalizeContent(normalize, token.content) });
    } else {
      anchored.push({ ...options, codePoints: codePointsOf(token.content) });
    }
  }
  return {
    normalize,
    preTokenize: preTokenizer.transform,
    tokenBytes,
    findAnchoredAddedTokens: buildAddedTokenMatcher(anchored),
    findNormalizedAddedTokens: buildAddedTokenMatcher(normalized),
    offsetTrims: offsetTrims(json.post_processor, label),
  };
}

function offsetTrims(config: PipelineStepJson | null | undefined, label: string): boolean[] {
  const steps = config ? flattenSequence(config, "processors") : [];
  const trims: boolean[] = [];
  for (const step of steps) {
    const type = String(step.type);
    if (type === "ByteLevel") {
      // The Rust crate defaults both options to true.
      if (step.trim_offsets !== false) trims.push(step.add_prefix_space !== false);
    } else if (!OFFSET_NEUTRAL_PROCESSORS.has(type)) {
      throw new UnsupportedTokenizerError(`${label}: the ${type} post-processor is not supported for computing offsets`);
    }
  }
  return trims;
}
