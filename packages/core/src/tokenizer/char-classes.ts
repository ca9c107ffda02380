/** Rust's `char::is_whitespace`: the Unicode White_Space property. */
export function isWhitespace(codePoint: number): boolean {
  return WHITE_SPACE.test(String.fromCodePoint(codePoint));
}

/** A character of the Rust `regex` crate's Unicode `\w`, which the crate's `single_word` check uses. */
export function isWordCharacter(codePoint: number): boolean {
  return WORD.test(String.fromCodePoint(codePoint));
}

const WHITE_SPACE = /^\p{White_Space}$/u;
const WORD = /^[\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\p{Join_Control}]$/u;
