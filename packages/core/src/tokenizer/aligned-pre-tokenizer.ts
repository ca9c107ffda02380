import type { AlignedText } from "./aligned-text.ts";
import { prependAligned, replaceAligned } from "./aligned-text-edits.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { flattenSequence, type PipelineStepJson } from "./tokenizer-json.ts";

/**
 * What the pre-tokenizer does to the text the model tokens spell: `byteLevel` when tokens are spelled in
 * GPT-2's byte alphabet, and `transform`, the change it makes to each piece of normalized text between
 * added tokens (Metaspace's `▁`), identity when it only splits.
 */
export interface AlignedPreTokenizer {
  byteLevel: boolean;
  transform: (piece: AlignedText) => AlignedText;
}

/** Pre-tokenizers that only cut the text into pieces, which does not move offsets. */
const SPLITTING_PRE_TOKENIZERS = new Set(["Split", "Digits", "Punctuation", "UnicodeScripts"]);

const identity = (piece: AlignedText) => piece;

/**
 * Reads the `tokenizer.json` pre-tokenizer, or throws `UnsupportedTokenizerError` naming the step whose
 * effect on offsets is not reproduced. Supported: pre-tokenizers that only split, ByteLevel without
 * `add_prefix_space`, and a Metaspace that comes before any other step (after a split, its `always`
 * scheme would prepend `▁` to pieces whose bounds are not reproduced here).
 */
export function buildAlignedPreTokenizer(config: PipelineStepJson | null | undefined, label: string): AlignedPreTokenizer {
  const steps = config ? flattenSequence(config, "pretokenizers") : [];
  let byteLevel = false;
  let transform = identity;
  steps.forEach((step, index) => {
    const type = String(step.type);
    if (step.behavior === "Removed" || step.behavior === "removed") {
      throw new UnsupportedTokenizerError(`${label}: the ${type} pre-tokenizer is not supported for computing offsets (it removes text)`);
    }
    if (type === "ByteLevel") {
      if (step.add_prefix_space === true) {
        throw new UnsupportedTokenizerError(`${label}: a ByteLevel pre-tokenizer with add_prefix_space is not supported for computing offsets`);
      }
      byteLevel = true;
    } else if (type === "Metaspace") {
      if (index !== 0) {
        throw new UnsupportedTokenizerError(`${label}: a Metaspace pre-tokenizer after another pre-tokenizer is not supported for computing offsets`);
      }
      transform = metaspace(step, label);
    } else if (!SPLITTING_PRE_TOKENIZERS.has(type)) {
      throw new UnsupportedTokenizerError(`${label}: the ${type} pre-tokenizer is not supported for computing offsets`);
    }
  });
  if (byteLevel && transform !== identity) {
    throw new UnsupportedTokenizerError(`${label}: a Metaspace pre-tokenizer together with ByteLevel is not supported for computing offsets`);
  }
  return { byteLevel, transform };
}

const SPACE = [0x20];

/**
 * The Rust crate's Metaspace: spaces become the replacement character, then the replacement is prepended
 * to a piece that does not start with it, always, or (`first`) only to the piece at the start of the
 * original text. `prepend_scheme` defaults to `always`; an older `add_prefix_space: false` means `never`.
 */
function metaspace(step: PipelineStepJson, label: string): (piece: AlignedText) => AlignedText {
  const replacement = typeof step.replacement === "string" ? Array.from(step.replacement) : [];
  if (replacement.length !== 1) {
    throw new UnsupportedTokenizerError(`${label}: a Metaspace pre-tokenizer needs a one-character replacement`);
  }
  const mark = (replacement[0] as string).codePointAt(0) as number;
  const scheme = step.add_prefix_space === false ? "never" : (step.prepend_scheme ?? "always");
  if (scheme !== "always" && scheme !== "first" && scheme !== "never") {
    throw new UnsupportedTokenizerError(`${label}: the Metaspace prepend_scheme ${String(scheme)} is not supported for computing offsets`);
  }
  return (piece) => {
    const replaced = replaceAligned(piece, SPACE, [mark]);
    const first = replaced.codePoints[0];
    if (first === undefined || first === mark || scheme === "never") return replaced;
    // The crate asks whether the piece begins the original text, before any of this piece's changes.
    if (scheme === "first" && piece.starts[0] !== 0) return replaced;
    return prependAligned(replaced, [mark]);
  };
}
