/**
 * A (normalized) text whose every code point remembers the range of the original text it stands for,
 * the way the Rust `tokenizers` crate's `NormalizedString` keeps its alignments.
 */
export interface AlignedText {
  readonly codePoints: number[];
  /** `starts[i]`, `ends[i]`: the UTF-16 range of the original text code point `i` comes from. */
  readonly starts: number[];
  readonly ends: number[];
}

/** `text.slice(from, to)` with each code point aligned to itself (offsets stay relative to `text`). */
export function alignedSlice(text: string, from: number, to: number): AlignedText {
  const aligned: AlignedText = { codePoints: [], starts: [], ends: [] };
  for (let i = from; i < to; ) {
    const codePoint = text.codePointAt(i) as number;
    const width = codePoint > 0xffff && i + 1 < to ? 2 : 1;
    aligned.codePoints.push(width === 1 ? text.charCodeAt(i) : codePoint);
    aligned.starts.push(i);
    aligned.ends.push(i + width);
    i += width;
  }
  return aligned;
}

/**
 * One output code point of a normalization step and how it relates to the input, as in the Rust crate:
 * `change > 0` inserts it (it inherits the alignment of the last consumed input code point), `change <= 0`
 * replaces the next input code point and removes `-change` more after it (it takes the first one's alignment).
 */
export interface CodePointChange {
  codePoint: number;
  change: number;
}

/** Applies a list of changes to `input`, the way `NormalizedString::transform` updates alignments. */
export function applyChanges(input: AlignedText, changes: readonly CodePointChange[]): AlignedText {
  const output: AlignedText = { codePoints: [], starts: [], ends: [] };
  let consumed = 0;
  for (const { codePoint, change } of changes) {
    let source: number;
    if (change > 0) {
      source = consumed - 1;
    } else {
      source = consumed;
      consumed += 1 - change;
    }
    output.codePoints.push(codePoint);
    if (source < 0) {
      // Rust aligns a code point inserted before anything was consumed to the empty range at the start.
      const start = input.starts[0] ?? 0;
      output.starts.push(start);
      output.ends.push(start);
    } else {
      output.starts.push(input.starts[source] as number);
      output.ends.push(input.ends[source] as number);
    }
  }
  return output;
}
