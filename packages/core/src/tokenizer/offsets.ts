/**
 * Conversions between Unicode code point indices and UTF-16 code unit indices of one string.
 *
 * The native `tokenizers` binding reports offsets in code points while JavaScript strings index UTF-16
 * code units, so every offset the binding returns has to be translated. A lone surrogate counts as one
 * code point, as `for…of` iterates it and as the binding sees it (N-API turns it into U+FFFD).
 */

/** Number of code points in `text`. */
export function countCodePoints(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (isSurrogatePairAt(text, i)) i++;
    count++;
  }
  return count;
}

/**
 * The UTF-16 index where each code point starts: `table[c]` for code point `c`, and
 * `table[countCodePoints(text)] === text.length` so that exclusive range ends convert too.
 */
export function codePointStarts(text: string): Uint32Array {
  const table = new Uint32Array(countCodePoints(text) + 1);
  let codePoint = 0;
  for (let i = 0; i < text.length; i++) {
    table[codePoint++] = i;
    if (isSurrogatePairAt(text, i)) i++;
  }
  table[codePoint] = text.length;
  return table;
}

/**
 * The code point index of each UTF-16 index, plus one entry for `text.length`. The low half of a
 * surrogate pair maps to the index of the code point it belongs to.
 */
export function codePointIndexOfUtf16(text: string): Uint32Array {
  const table = new Uint32Array(text.length + 1);
  let codePoint = 0;
  for (let i = 0; i < text.length; i++) {
    table[i] = codePoint;
    if (isSurrogatePairAt(text, i)) table[++i] = codePoint;
    codePoint++;
  }
  table[text.length] = codePoint;
  return table;
}

/** Converts `[start, end)` ranges counted in code points into UTF-16 ranges of the same text. */
export function codePointToUtf16Offsets(
  text: string,
  ranges: ReadonlyArray<ArrayLike<number>>,
): Array<[number, number]> {
  if (ranges.length === 0) return [];
  const starts = codePointStarts(text);
  return ranges.map((range) => [lookup(starts, range[0], text), lookup(starts, range[1], text)]);
}

/** Converts `[start, end)` UTF-16 ranges into ranges counted in code points. */
export function utf16ToCodePointOffsets(
  text: string,
  ranges: ReadonlyArray<ArrayLike<number>>,
): Array<[number, number]> {
  if (ranges.length === 0) return [];
  const indices = codePointIndexOfUtf16(text);
  return ranges.map((range) => [lookup(indices, range[0], text), lookup(indices, range[1], text)]);
}

function lookup(table: Uint32Array, index: number | undefined, text: string): number {
  if (index === undefined || !Number.isInteger(index) || index < 0 || index >= table.length) {
    throw new RangeError(`offset ${String(index)} is outside a text of ${text.length} UTF-16 units`);
  }
  return table[index] as number;
}

function isSurrogatePairAt(text: string, i: number): boolean {
  const high = text.charCodeAt(i);
  if (high < 0xd800 || high > 0xdbff || i + 1 >= text.length) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdfff;
}
