import type { AlignedText } from "./aligned-text.ts";

/** The code points of a string (a lone surrogate stays one code point, as `alignedSlice` keeps it). */
export function codePointsOf(text: string): number[] {
  return Array.from(text, (c) => c.codePointAt(0) as number);
}

/**
 * `NormalizedString::prepend` of the Rust crate (used by the Prepend normalizer and Metaspace): the
 * prefix replaces the first code point, which is then inserted again, so the prefix and the first code
 * point all stand for the first code point's original range. An empty text stays empty.
 */
export function prependAligned(text: AlignedText, prefix: readonly number[]): AlignedText {
  if (text.codePoints.length === 0 || prefix.length === 0) return text;
  const start = text.starts[0] as number;
  const end = text.ends[0] as number;
  return {
    codePoints: [...prefix, ...text.codePoints],
    starts: [...prefix.map(() => start), ...text.starts],
    ends: [...prefix.map(() => end), ...text.ends],
  };
}

/**
 * `NormalizedString::replace` with a string pattern: non-overlapping matches, left to right. The crate
 * removes the matched code points first and then inserts the replacement, so every replacement code point
 * stands for the original range of the match's last code point; an empty replacement deletes the match.
 */
export function replaceAligned(text: AlignedText, pattern: readonly number[], content: readonly number[]): AlignedText {
  if (pattern.length === 0 || !text.codePoints.includes(pattern[0] as number)) return text;
  const output: AlignedText = { codePoints: [], starts: [], ends: [] };
  let i = 0;
  while (i < text.codePoints.length) {
    if (matchesAt(text.codePoints, i, pattern)) {
      const last = i + pattern.length - 1;
      for (const codePoint of content) {
        output.codePoints.push(codePoint);
        output.starts.push(text.starts[last] as number);
        output.ends.push(text.ends[last] as number);
      }
      i += pattern.length;
    } else {
      output.codePoints.push(text.codePoints[i] as number);
      output.starts.push(text.starts[i] as number);
      output.ends.push(text.ends[i] as number);
      i++;
    }
  }
  return output;
}

/** Code points `[from, to)` of an aligned text, still aligned with the original. */
export function sliceAligned(text: AlignedText, from: number, to: number): AlignedText {
  return {
    codePoints: text.codePoints.slice(from, to),
    starts: text.starts.slice(from, to),
    ends: text.ends.slice(from, to),
  };
}

function matchesAt(codePoints: readonly number[], at: number, pattern: readonly number[]): boolean {
  if (at + pattern.length > codePoints.length) return false;
  for (let j = 0; j < pattern.length; j++) if (codePoints[at + j] !== pattern[j]) return false;
  return true;
}
