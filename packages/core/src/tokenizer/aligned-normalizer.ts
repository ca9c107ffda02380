import { type AlignedText, alignedSlice, applyChanges } from "./aligned-text.ts";
import { codePointsOf, prependAligned, replaceAligned } from "./aligned-text-edits.ts";
import { UnsupportedTokenizerError } from "./errors.ts";
import { flattenSequence, type PipelineStepJson } from "./tokenizer-json.ts";
import { type UnicodeForm, unicodeNormalizationChanges } from "./unicode-normalization-changes.ts";

export type AlignedNormalizer = (text: AlignedText) => AlignedText;

/** Below these code points each form leaves text unchanged, so the common ASCII case skips the work. */
const FIRST_AFFECTED: Record<UnicodeForm, number> = { NFC: 0x300, NFD: 0xc0, NFKC: 0xa0, NFKD: 0xa0 };

/**
 * The `tokenizer.json` normalizer as a function that keeps alignments with the original text.
 * Throws `UnsupportedTokenizerError` for normalizers whose alignments are not reproduced.
 */
export function buildAlignedNormalizer(config: PipelineStepJson | null | undefined, label: string): AlignedNormalizer {
  if (config === null || config === undefined) return (text) => text;
  const steps = flattenSequence(config, "normalizers").map((step) => {
    const form = step.type;
    if (form === "NFC" || form === "NFD" || form === "NFKC" || form === "NFKD") return unicodeForm(form);
    if (form === "Prepend" && typeof step.prepend === "string") return prepend(codePointsOf(step.prepend));
    const pattern = stringPattern(step);
    if (form === "Replace" && pattern !== undefined && typeof step.content === "string") {
      return replace(codePointsOf(pattern), codePointsOf(step.content));
    }
    throw new UnsupportedTokenizerError(
      `${label}: the ${describeStep(step)} normalizer is not supported for computing offsets (supported: NFC, NFD, NFKC, NFKD, Prepend, Replace of a string, and Sequence of them)`,
    );
  });
  return (text) => steps.reduce((current, step) => step(current), text);
}

function unicodeForm(form: UnicodeForm): AlignedNormalizer {
  const firstAffected = FIRST_AFFECTED[form];
  return (text) =>
    text.codePoints.every((codePoint) => codePoint < firstAffected)
      ? text
      : applyChanges(text, unicodeNormalizationChanges(text.codePoints, form));
}

function prepend(prefix: number[]): AlignedNormalizer {
  return (text) => prependAligned(text, prefix);
}

function replace(pattern: number[], content: number[]): AlignedNormalizer {
  return (text) => replaceAligned(text, pattern, content);
}

/** The pattern of a Replace step when it is a plain string (`{ "String": " " }`); regexes are not reproduced. */
function stringPattern(step: PipelineStepJson): string | undefined {
  const pattern = step.pattern as { String?: unknown } | undefined;
  return typeof pattern?.String === "string" ? pattern.String : undefined;
}

function describeStep(step: PipelineStepJson): string {
  return step.type === "Replace" && stringPattern(step) === undefined ? "Replace (regex pattern)" : String(step.type);
}

/** The code points `normalizer` turns `content` into (for added tokens matched after normalization). */
export function normalizeContent(normalizer: AlignedNormalizer, content: string): number[] {
  return normalizer(alignedSlice(content, 0, content.length)).codePoints;
}
