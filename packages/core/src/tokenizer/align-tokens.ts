import type { AlignedText } from "./aligned-text.ts";
import { alignedSlice } from "./aligned-text.ts";
import type { AlignmentPlan, AnchoredAddedToken } from "./alignment-plan.ts";
import { BYTE_LEVEL_SPACE, byteLevelTokenBytes } from "./byte-level-alphabet.ts";
import { TokenAlignmentError } from "./errors.ts";
import { codePointIndexOfUtf16, codePointStarts } from "./offsets.ts";

/**
 * Offsets (UTF-16, into `text`) of the tokens a byte-level tokenizer produced for `text`, equal to the
 * ones the Rust `tokenizers` crate reports:
 * - added tokens matched before normalization are found in the original text (with the whitespace
 *   `lstrip`/`rstrip` swallow); the text between them is normalized with alignments;
 * - other tokens spell that normalized text as bytes; a token gets the original range from its first
 *   byte's code point to its last byte's code point, so a token holding part of a multi-byte
 *   character covers the whole character;
 * - `trim_offsets` post-processors then drop leading and trailing spaces from the ranges.
 * Throws `TokenAlignmentError` when the tokens do not spell the text.
 */
export function alignTokenOffsets(
  text: string,
  ids: readonly number[],
  idToToken: (id: number) => string | undefined,
  plan: AlignmentPlan,
): Array<[number, number]> {
  const offsets: Array<[number, number]> = [];
  const values: string[] = [];
  let cursor = 0;
  let runStart = 0;
  for (let i = 0; i <= ids.length; i++) {
    const anchor = i < ids.length ? plan.anchoredAddedTokens.get(ids[i] as number) : undefined;
    if (i < ids.length && anchor === undefined) continue;
    const found = anchor ? findAnchor(text, cursor, anchor, i) : { start: text.length, end: text.length };
    alignRun(text, cursor, found.start, ids.slice(runStart, i), runStart, idToToken, plan, offsets, values);
    if (anchor) {
      offsets.push([found.start, found.end]);
      values.push(text.slice(found.start, found.end));
      cursor = found.end;
    }
    runStart = i + 1;
  }
  for (const addPrefixSpace of plan.offsetTrims) trimSpaces(text, offsets, values, addPrefixSpace);
  return offsets;
}

function findAnchor(text: string, cursor: number, anchor: AnchoredAddedToken, index: number) {
  const at = text.indexOf(anchor.content, cursor);
  if (at < 0) {
    throw new TokenAlignmentError(`token ${index} (added token ${JSON.stringify(anchor.content)}) is not in the text after offset ${cursor}`);
  }
  let start = at;
  if (anchor.lstrip) while (start > cursor && isWhitespace(text.charCodeAt(start - 1))) start--;
  let end = at + anchor.content.length;
  if (anchor.rstrip) while (end < text.length && isWhitespace(text.charCodeAt(end))) end++;
  return { start, end };
}

/** Aligns the tokens between two anchored added tokens with `text[from, to)` after normalization. */
function alignRun(
  text: string,
  from: number,
  to: number,
  ids: readonly number[],
  firstIndex: number,
  idToToken: (id: number) => string | undefined,
  plan: AlignmentPlan,
  offsets: Array<[number, number]>,
  values: string[],
): void {
  const normalized = plan.normalize(alignedSlice(text, from, to));
  const { bytes, owners, charStarts } = utf8WithOwners(normalized.codePoints);
  const excerpt = JSON.stringify(text.slice(from, to).slice(0, 200));
  const mismatch = (k: number, detail: string) =>
    new TokenAlignmentError(`token ${firstIndex + k} (id ${ids[k]}) ${detail} in ${excerpt}`);
  let position = 0;
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] as number;
    const added = plan.normalizedAddedTokens.get(id);
    // An added token with lstrip/rstrip swallows the whitespace beside it: it is in the range, not in the token.
    let firstChar = owners[position] ?? normalized.codePoints.length;
    if (added?.lstrip) {
      let contentStart = firstChar;
      while (contentStart < normalized.codePoints.length && isWhitespace(normalized.codePoints[contentStart] as number)) contentStart++;
      position = charStarts[contentStart] as number;
    }
    let tokenBytes: Uint8Array | undefined;
    if (added) {
      tokenBytes = utf8WithOwners(added.codePoints).bytes;
    } else {
      const token = idToToken(id);
      tokenBytes = token === undefined ? undefined : byteLevelTokenBytes(token);
      if (tokenBytes === undefined) throw mismatch(k, `is not a byte-level token (${JSON.stringify(token)})`);
    }
    if (tokenBytes.length === 0 || !bytesMatch(bytes, position, tokenBytes)) {
      throw mismatch(k, `does not match the normalized text at byte ${position}`);
    }
    if (!added?.lstrip) firstChar = owners[position] as number;
    position += tokenBytes.length;
    let lastChar = owners[position - 1] as number;
    if (added?.rstrip) {
      while (lastChar + 1 < normalized.codePoints.length && isWhitespace(normalized.codePoints[lastChar + 1] as number)) lastChar++;
      position = charStarts[lastChar + 1] as number;
    }
    offsets.push([normalized.starts[firstChar] as number, normalized.ends[lastChar] as number]);
    values.push(added ? spell(normalized, firstChar, lastChar) : (idToToken(id) as string));
  }
  if (position !== bytes.length) {
    throw new TokenAlignmentError(`the tokens cover ${position} of the ${bytes.length} bytes of the normalized text ${excerpt}`);
  }
}

/** UTF-8 bytes of code points, which code point each byte belongs to, and where each code point starts. */
function utf8WithOwners(codePoints: readonly number[]) {
  const bytes: number[] = [];
  const owners: number[] = [];
  const charStarts: number[] = [];
  codePoints.forEach((codePoint, index) => {
    charStarts.push(bytes.length);
    // A lone surrogate is encoded as U+FFFD, as TextEncoder and the native binding do.
    const c = codePoint >= 0xd800 && codePoint <= 0xdfff ? 0xfffd : codePoint;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    while (owners.length < bytes.length) owners.push(index);
  });
  charStarts.push(bytes.length);
  return { bytes: Uint8Array.from(bytes), owners, charStarts };
}

function bytesMatch(haystack: Uint8Array, at: number, needle: Uint8Array): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

function spell(text: AlignedText, first: number, last: number): string {
  return String.fromCodePoint(...text.codePoints.slice(first, last + 1));
}

/**
 * The Rust crate's `process_offsets` for ByteLevel/RoBERTa post-processors with `trim_offsets`: counts the
 * leading and trailing `Ġ` or whitespace characters of each token's string and moves the range's ends by
 * that many code points.
 */
function trimSpaces(text: string, offsets: Array<[number, number]>, values: readonly string[], addPrefixSpace: boolean): void {
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

/** Rust's `char::is_whitespace`: the Unicode White_Space property. */
function isWhitespace(codePoint: number): boolean {
  return WHITE_SPACE.test(String.fromCodePoint(codePoint));
}

const WHITE_SPACE = /^\p{White_Space}$/u;
