import { isWhitespace, isWordCharacter } from "./char-classes.ts";

/** An added token as the matcher looks for it: its code points (normalized ones for normalized tokens). */
export interface AddedTokenPattern {
  id: number;
  /** The token's own text, which is what `idToToken` gives for it. */
  content: string;
  codePoints: readonly number[];
  lstrip: boolean;
  rstrip: boolean;
  singleWord: boolean;
}

/** Where an added token was found: code point indices, widened over the whitespace `lstrip`/`rstrip` swallow. */
export interface AddedTokenMatch {
  pattern: AddedTokenPattern;
  start: number;
  end: number;
}

export type AddedTokenMatcher = (codePoints: readonly number[]) => AddedTokenMatch[];

interface TrieNode {
  children: Map<number, TrieNode>;
  pattern?: AddedTokenPattern;
}

/**
 * Finds added tokens in a text the way the Rust crate's `AddedVocabulary::find_matches` does: leftmost-longest
 * non-overlapping matches (its Aho-Corasick automaton), dropping `single_word` tokens that touch a word
 * character, then widening over whitespace for `lstrip` (never into the previous match) and `rstrip`.
 * Matching the text itself, rather than trusting the ids, tells an added token from a model token that
 * shares its id (Gemma 3's `▁▁` is both).
 */
export function buildAddedTokenMatcher(patterns: readonly AddedTokenPattern[]): AddedTokenMatcher {
  const root: TrieNode = { children: new Map() };
  for (const pattern of patterns) {
    if (pattern.codePoints.length === 0) continue;
    let node = root;
    for (const codePoint of pattern.codePoints) {
      let child = node.children.get(codePoint);
      if (child === undefined) {
        child = { children: new Map() };
        node.children.set(codePoint, child);
      }
      node = child;
    }
    // Of several tokens with the same text the first is found, as the automaton reports the lowest pattern.
    node.pattern ??= pattern;
  }
  if (root.children.size === 0) return () => [];
  return (codePoints) => {
    const matches: AddedTokenMatch[] = [];
    let previousEnd = 0;
    for (let i = 0; i < codePoints.length; ) {
      const found = longestAt(root, codePoints, i);
      if (found === undefined) {
        i++;
        continue;
      }
      const { pattern, end: matchEnd } = found;
      const matchStart = i;
      i = matchEnd;
      if (pattern.singleWord && !standsAlone(codePoints, matchStart, matchEnd)) continue;
      let start = matchStart;
      if (pattern.lstrip) while (start > previousEnd && isWhitespace(codePoints[start - 1] as number)) start--;
      let end = matchEnd;
      if (pattern.rstrip) while (end < codePoints.length && isWhitespace(codePoints[end] as number)) end++;
      matches.push({ pattern, start, end });
      previousEnd = end;
    }
    return matches;
  };
}

function longestAt(root: TrieNode, codePoints: readonly number[], from: number) {
  let node: TrieNode | undefined = root;
  let found: { pattern: AddedTokenPattern; end: number } | undefined;
  for (let j = from; j < codePoints.length; j++) {
    node = node.children.get(codePoints[j] as number);
    if (node === undefined) break;
    if (node.pattern !== undefined) found = { pattern: node.pattern, end: j + 1 };
  }
  return found;
}

function standsAlone(codePoints: readonly number[], start: number, end: number): boolean {
  const before = start === 0 || !isWordCharacter(codePoints[start - 1] as number);
  const after = end === codePoints.length || !isWordCharacter(codePoints[end] as number);
  return before && after;
}
