import { type AlignedNormalizer, buildAlignedNormalizer, normalizeContent } from "./aligned-normalizer.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { flattenSequence, type PipelineStepJson, type TokenizerJson } from "./tokenizer-json.ts";

/** An added token found in the original text, before normalization, as the Rust crate finds it. */
export interface AnchoredAddedToken {
  content: string;
  lstrip: boolean;
  rstrip: boolean;
}

/** An added token found in the normalized text: it aligns like model tokens, through the normalizer. */
export interface NormalizedAddedToken {
  codePoints: number[];
  lstrip: boolean;
  rstrip: boolean;
}

/** What the alignment of a byte-level tokenizer's tokens with its input needs to know about the tokenizer. */
export interface AlignmentPlan {
  normalize: AlignedNormalizer;
  anchoredAddedTokens: ReadonlyMap<number, AnchoredAddedToken>;
  normalizedAddedTokens: ReadonlyMap<number, NormalizedAddedToken>;
  /** The post-processors that trim spaces off offsets, in order (`add_prefix_space` of each). */
  offsetTrims: boolean[];
}

const SPLITTING_PRE_TOKENIZERS = new Set(["Split", "Digits", "Punctuation", "UnicodeScripts", "ByteLevel"]);
const OFFSET_NEUTRAL_PROCESSORS = new Set(["TemplateProcessing", "BertProcessing"]);

/**
 * Reads a `tokenizer.json` into an alignment plan, or throws `UnsupportedTokenizerError` naming the
 * pipeline step whose effect on offsets is not reproduced. Supported: byte-level BPE models whose
 * pre-tokenizers only split the text, Unicode normalizers, and any added tokens.
 */
export function planAlignment(json: TokenizerJson, label: string): AlignmentPlan {
  checkModel(json.model, label);
  checkPreTokenizer(json.pre_tokenizer, label);
  const normalize = buildAlignedNormalizer(json.normalizer, label);
  const anchoredAddedTokens = new Map<number, AnchoredAddedToken>();
  const normalizedAddedTokens = new Map<number, NormalizedAddedToken>();
  const hasNormalizer = json.normalizer !== null && json.normalizer !== undefined;
  for (const token of json.added_tokens ?? []) {
    const strip = { lstrip: token.lstrip === true, rstrip: token.rstrip === true };
    // Like the Rust crate, `normalized` defaults to true for non-special tokens.
    const normalized = token.normalized ?? token.special !== true;
    if (normalized && hasNormalizer) {
      normalizedAddedTokens.set(token.id, { codePoints: normalizeContent(normalize, token.content), ...strip });
    } else {
      anchoredAddedTokens.set(token.id, { content: token.content, ...strip });
    }
  }
  return { normalize, anchoredAddedTokens, normalizedAddedTokens, offsetTrims: offsetTrims(json.post_processor, label) };
}

function checkModel(model: PipelineStepJson | undefined, label: string): void {
  const prefix = model?.continuing_subword_prefix;
  const suffix = model?.end_of_word_suffix;
  if (model?.type !== "BPE" || (typeof prefix === "string" && prefix !== "") || (typeof suffix === "string" && suffix !== "")) {
    throw new UnsupportedTokenizerError(
      `${label}: offsets can only be computed for byte-level BPE models without subword prefixes or suffixes (model: ${String(model?.type)})`,
    );
  }
}

function checkPreTokenizer(config: PipelineStepJson | null | undefined, label: string): void {
  const steps = config ? flattenSequence(config, "pretokenizers") : [];
  for (const step of steps) {
    const type = String(step.type);
    const dropsText = step.behavior === "Removed" || step.behavior === "removed";
    if (!SPLITTING_PRE_TOKENIZERS.has(type) || dropsText) {
      throw new UnsupportedTokenizerError(`${label}: the ${type} pre-tokenizer is not supported for computing offsets`);
    }
    if (type === "ByteLevel" && step.add_prefix_space === true) {
      throw new UnsupportedTokenizerError(`${label}: a ByteLevel pre-tokenizer with add_prefix_space is not supported for computing offsets`);
    }
  }
  if (!steps.some((step) => step.type === "ByteLevel")) {
    throw new UnsupportedTokenizerError(`${label}: offsets can only be computed for byte-level tokenizers (no ByteLevel pre-tokenizer)`);
  }
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
