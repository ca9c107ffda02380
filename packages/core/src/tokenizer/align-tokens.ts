import type { AddedTokenMatch } from "./added-token-matcher.ts";
import { type AlignedText, alignedSlice } from "./aligned-text.ts";
import { sliceAligned } from "./aligned-text-edits.ts";
import type { AlignmentPlan } from "./alignment-plan.ts";
import { TokenAlignmentError } from "./errors.ts";
import { trimSpaces } from "./trim-offsets.ts";

/** The tokens still to align, and the offsets (with the text each token stands for) found so far. */
interface Alignment {
  readonly ids: readonly number[];
  next: number;
  readonly offsets: Array<[number, number]>;
  readonly values: string[];
  readonly idToToken: (id: number) => string | undefined;
  readonly plan: AlignmentPlan;
  readonly excerpt: string;
}

/**
 * Offsets (UTF-16, into `text`) of the tokens a tokenizer produced for `text`, equal to the ones the Rust
 * `tokenizers` crate reports, found by walking the text through the crate's pipeline:
 * - added tokens with `normalized: false` are found in the original text (with the whitespace
 *   `lstrip`/`rstrip` swallow); each stretch between them is normalized with alignments;
 * - the other added tokens are found in that normalized stretch, and cut it into pieces that the
 *   pre-tokenizer changes (Metaspace's `▁`), still aligned with the original;
 * - model tokens spell each piece as bytes (byte-level tokens, SentencePiece pieces, `<0xXX>` byte
 *   fallbacks); a token gets the original range from its first byte's code point to its last byte's
 *   code point, so a token holding part of a multi-byte character covers the whole character;
 * - `trim_offsets` post-processors then drop leading and trailing spaces from the ranges.
 * Throws `TokenAlignmentError` when the tokens do not spell the text.
 */
export function alignTokenOffsets(
  text: string,
  ids: readonly number[],
  idToToken: (id: number) => string | undefined,
  plan: AlignmentPlan,
): Array<[number, number]> {
  const excerpt = JSON.stringify(text.slice(0, 200));
  const state: Alignment = { ids, next: 0, offsets: [], values: [], idToToken, plan, excerpt };
  const original = alignedSlice(text, 0, text.length);
  let cursor = 0;
  for (const match of plan.findAnchoredAddedTokens(original.codePoints)) {
    alignStretch(state, plan.normalize(sliceAligned(original, cursor, match.start)));
    takeAddedToken(state, original, match);
    cursor = match.end;
  }
  alignStretch(state, plan.normalize(sliceAligned(original, cursor, original.codePoints.length)));
  if (state.next !== ids.length) {
    throw new TokenAlignmentError(`tokens ${state.next}… (${ids.length - state.next} of ${ids.length}) are left over after the text ${state.excerpt}`);
  }
  for (const addPrefixSpace of plan.offsetTrims) trimSpaces(text, state.offsets, state.values, addPrefixSpace);
  return state.offsets;
}

/** A normalized stretch between added tokens matched in the original text. */
function alignStretch(state: Alignment, normalized: AlignedText): void {
  let cursor = 0;
  for (const match of state.plan.findNormalizedAddedTokens(normalized.codePoints)) {
    alignPiece(state, state.plan.preTokenize(sliceAligned(normalized, cursor, match.start)));
    takeAddedToken(state, normalized, match);
    cursor = match.end;
  }
  alignPiece(state, state.plan.preTokenize(sliceAligned(normalized, cursor, normalized.codePoints.length)));
}

/** The next token must be the added token found at `match`; it covers the match with its swallowed whitespace. */
function takeAddedToken(state: Alignment, text: AlignedText, match: AddedTokenMatch): void {
  const id = state.ids[state.next];
  const { pattern } = match;
  if (id === undefined || (id !== pattern.id && state.idToToken(id) !== pattern.content)) {
    const actual = id === undefined ? "there are no more tokens" : `token ${state.next} is id ${id} (${JSON.stringify(state.idToToken(id))})`;
    throw new TokenAlignmentError(`the text has the added token ${JSON.stringify(pattern.content)} here but ${actual}, in ${state.excerpt}`);
  }
  state.offsets.push([text.starts[match.start] as number, text.ends[match.end - 1] as number]);
  state.values.push(String.fromCodePoint(...text.codePoints.slice(match.start, match.end)));
  state.next++;
}

/**
 * Model tokens spell a pre-tokenized piece as bytes, as many as it takes to cover it; a token gets the
 * original range from its first byte's code point to its last byte's, so a token holding part of a
 * character covers the whole character.
 */
function alignPiece(state: Alignment, piece: AlignedText): void {
  const { bytes, owners } = utf8WithOwners(piece.codePoints);
  let position = 0;
  while (position < bytes.length) {
    const id = state.ids[state.next];
    if (id === undefined) {
      throw new TokenAlignmentError(`the tokens cover ${position} of the ${bytes.length} bytes of the normalized text ${state.excerpt}`);
    }
    const token = state.idToToken(id);
    const tokenBytes = token === undefined ? undefined : state.plan.tokenBytes(token);
    const where = `token ${state.next} (id ${id}, ${JSON.stringify(token)})`;
    if (tokenBytes === undefined) {
      throw new TokenAlignmentError(`${where} does not spell text in this tokenizer's alphabet, in ${state.excerpt}`);
    }
    if (tokenBytes.length === 0 || !bytesMatch(bytes, position, tokenBytes)) {
      throw new TokenAlignmentError(`${where} does not match the normalized text at byte ${position} of a piece of ${state.excerpt}`);
    }
    const firstChar = owners[position] as number;
    position += tokenBytes.length;
    const lastChar = owners[position - 1] as number;
    state.offsets.push([piece.starts[firstChar] as number, piece.ends[lastChar] as number]);
    state.values.push(token as string);
    state.next++;
  }
}

/** UTF-8 bytes of code points and which code point each byte belongs to. */
function utf8WithOwners(codePoints: readonly number[]) {
  const bytes: number[] = [];
  const owners: number[] = [];
  codePoints.forEach((codePoint, index) => {
    // A lone surrogate is encoded as U+FFFD, as TextEncoder and the native binding do.
    const c = codePoint >= 0xd800 && codePoint <= 0xdfff ? 0xfffd : codePoint;
    if (c < 0x80) bytes.push(c);
    else if (c < 0x800) bytes.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) bytes.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else bytes.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    while (owners.length < bytes.length) owners.push(index);
  });
  return { bytes: Uint8Array.from(bytes), owners };
}

function bytesMatch(haystack: Uint8Array, at: number, needle: Uint8Array): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}
