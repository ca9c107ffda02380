/** U+FDD0..U+FDEF: the noncharacters renderChat draws its span markers from. */
const MARKER_RANGE = /[\uFDD0-\uFDEF]/;

/** What a walk over the template variables found. */
export interface ContextInspection {
  /**
   * Whether every variable is data the compiled render reads as the interpreter's `convertToRuntimeValues` would
   * convert it: primitives, `undefined`, dense arrays and plain objects of those, and functions at the top level
   * (`raise_exception`, `strftime_now`, …). Anything else (a class instance, a bigint, a function inside data, a
   * cycle) keeps the render on the interpreter.
   */
  plain: boolean;
  /** Whether some string or key holds a character of the markers' range (only known for plain variables). */
  markerCharacters: boolean;
}

export function inspectContext(context: Readonly<Record<string, unknown>>): ContextInspection {
  const found = { markerCharacters: false };
  for (const key of Object.keys(context)) {
    const value = context[key];
    if (MARKER_RANGE.test(key)) found.markerCharacters = true;
    if (typeof value !== "function" && !isPlainData(value, found, 0)) return { plain: false, markerCharacters: true };
  }
  return { plain: true, markerCharacters: found.markerCharacters };
}

function isPlainData(value: unknown, found: { markerCharacters: boolean }, depth: number): boolean {
  if (depth > 200) return false;
  switch (typeof value) {
    case "string":
      if (!found.markerCharacters && MARKER_RANGE.test(value)) found.markerCharacters = true;
      return true;
    case "number":
    case "boolean":
    case "undefined":
      return true;
    case "object": {
      if (value === null) return true;
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!(i in value) || !isPlainData(value[i], found, depth + 1)) return false;
        return true;
      }
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) return false;
      for (const key of Object.keys(value)) {
        if (!found.markerCharacters && MARKER_RANGE.test(key)) found.markerCharacters = true;
        if (!isPlainData((value as Record<string, unknown>)[key], found, depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}
