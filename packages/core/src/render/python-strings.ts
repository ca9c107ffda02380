/** Characters Python's `str.strip()` removes by default (`str.isspace`); JavaScript's `trim` differs (U+FEFF, U+001C–U+001F, U+0085). */
const PYTHON_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";

/** Python's `str.strip` / `lstrip` / `rstrip`, with or without a set of characters to remove. */
export function pythonStrip(text: string, side: "both" | "left" | "right" = "both", chars?: string | null): string {
  const set = new Set(chars ?? PYTHON_WHITESPACE);
  const units = Array.from(text);
  let start = 0;
  let end = units.length;
  if (side !== "right") while (start < end && set.has(units[start]!)) start++;
  if (side !== "left") while (end > start && set.has(units[end - 1]!)) end--;
  return units.slice(start, end).join("");
}
