import { BYTE_LEVEL_SPACE } from "./byte-level-alphabet.ts";
import { isWhitespace } from "./char-classes.ts";
import { codePointIndexOfUtf16, codePointStarts } from "./offsets.ts";

/**
 * The Rust crate's `process_offsets` for ByteLevel/RoBERTa post-processors with `trim_offsets`: counts the
 * leading and trailing `Ġ` or whitespace characters of each token's string and moves the range's ends by
 * that many code points.
 */
export function trimSpaces(text: string, offsets: Array<[number, number]>, values: readonly string[], addPrefixSpace: boolean): void {
  let starts: Uint32Array | undefined;
  let indices: Uint32Array | undefined;
  offsets.forEach((range, i) => {
    const chars = Array.from(values[i] as string);
    let leading = countWhile(chars, isSpaceToken);
    const trailing = countWhile([...chars].reverse(), isSpaceToken);
    if (leading === 0 && trailing === 0) return;
    starts ??= codePointStarts(text);
    indices ??= codePointIndexOfUtf16(text);
    let start = indices[range[0]] as number;
    let end = indices[range[1]] as number;
    if (leading > 0) {
      if ((i === 0 || start === 0) && addPrefixSpace && leading === 1) leading = 0;
      start = Math.min(start + leading, end);
    }
    if (trailing > 0 && end >= trailing) end = Math.max(end - trailing, start);
    range[0] = starts[start] as number;
    range[1] = starts[end] as number;
  });
}

function countWhile(chars: readonly string[], predicate: (c: string) => boolean): number {
  let count = 0;
  while (count < chars.length && predicate(chars[count] as string)) count++;
  return count;
}

function isSpaceToken(c: string): boolean {
  return c === BYTE_LEVEL_SPACE || isWhitespace(c.codePointAt(0) as number);
}
