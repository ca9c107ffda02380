/** How many leading UTF-16 code units `a` and `b` share. */
export function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let index = 0;
  while (index < limit && a.charCodeAt(index) === b.charCodeAt(index)) index++;
  return index;
}

/**
 * Where two texts part, for error messages: the position and up to 40 characters of each from there, JSON-escaped so
 * that whitespace shows.
 */
export function describeTextDifference(expectedName: string, expected: string, actualName: string, actual: string): string {
  const at = commonPrefixLength(expected, actual);
  const excerpt = (text: string) => (at >= text.length ? "the end of the text" : JSON.stringify(text.slice(at, at + 40)));
  return `at character ${at}, ${expectedName} has ${excerpt(expected)} where ${actualName} has ${excerpt(actual)}`;
}
