/**
 * Python's `==` on JSON-like data, as Jinja2 compares two messages: dicts by their keys and values, lists item by
 * item, and numbers with booleans (`True == 1`, `1 == 1.0`).
 */
export function samePythonValue(a: unknown, b: unknown): boolean {
  if (isNumeric(a) && isNumeric(b)) return Number(a) === Number(b);
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => samePythonValue(item, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = definedKeys(a);
    const otherKeys = definedKeys(b);
    return keys.length === otherKeys.length && keys.every((key) => key in b && b[key] !== undefined && samePythonValue(a[key], b[key]));
  }
  return a === b || (isNone(a) && isNone(b));
}

const isNumeric = (value: unknown): value is number | boolean => typeof value === "number" || typeof value === "boolean";
const isNone = (value: unknown) => value === null || value === undefined;
const isDict = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
/** Keys whose value is `undefined` do not reach the template (JSON drops them), so they do not count. */
const definedKeys = (dict: Record<string, unknown>) => Object.keys(dict).filter((key) => dict[key] !== undefined);
