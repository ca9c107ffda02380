/** Characters Python's `str.strip()` removes by default (`str.isspace`); JavaScript's `trim` differs (U+FEFF, U+001C–U+001F, U+0085). */
const PYTHON_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
const WHITESPACE_UNITS = new Set(Array.from(PYTHON_WHITESPACE, (ch) => ch.charCodeAt(0)));

const isSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdfff;

/** Python's `str.strip` / `lstrip` / `rstrip`, with or without a set of characters to remove. */
export function pythonStrip(text: string, side: "both" | "left" | "right" = "both", chars?: string | null): string {
  const units = chars == null ? WHITESPACE_UNITS : codeUnitSet(chars);
  // Without surrogates in the set, stripping by UTF-16 code unit stops exactly where stripping by code point would.
  if (units) {
    let start = 0;
    let end = text.length;
    if (side !== "right") while (start < end && units.has(text.charCodeAt(start))) start++;
    if (side !== "left") while (end > start && units.has(text.charCodeAt(end - 1))) end--;
    return start === 0 && end === text.length ? text : text.slice(start, end);
  }
  const set = new Set(chars);
  const points = Array.from(text);
  let start = 0;
  let end = points.length;
  if (side !== "right") while (start < end && set.has(points[start]!)) start++;
  if (side !== "left") while (end > start && set.has(points[end - 1]!)) end--;
  return points.slice(start, end).join("");
}

/** The characters' UTF-16 code units, or `undefined` if any is a surrogate (an astral character). */
function codeUnitSet(chars: string): Set<number> | undefined {
  const units = new Set<number>();
  for (let i = 0; i < chars.length; i++) {
    const unit = chars.charCodeAt(i);
    if (isSurrogate(unit)) return undefined;
    units.add(unit);
  }
  return units;
}
