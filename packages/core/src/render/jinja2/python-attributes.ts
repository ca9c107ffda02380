import { isDict } from "../compile/values.ts";
import { isFloat, isNumber } from "./py-values.ts";

/**
 * The public attributes Python's `str`, `list`, `dict`, `int` and `float` have (3.11): a name outside these is
 * "has no attribute" in Jinja2 (an undefined value that fails when called), a name inside but not implemented by
 * this layer keeps the library's handling.
 */
const STR = new Set([
  "capitalize", "casefold", "center", "count", "encode", "endswith", "expandtabs", "find", "format", "format_map",
  "index", "isalnum", "isalpha", "isascii", "isdecimal", "isdigit", "isidentifier", "islower", "isnumeric",
  "isprintable", "isspace", "istitle", "isupper", "join", "ljust", "lower", "lstrip", "maketrans", "partition",
  "removeprefix", "removesuffix", "replace", "rfind", "rindex", "rjust", "rpartition", "rsplit", "rstrip", "split",
  "splitlines", "startswith", "strip", "swapcase", "title", "translate", "upper", "zfill",
]);
const LIST = new Set(["append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse", "sort"]);
const DICT = new Set(["clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault", "update", "values"]);
const INT = new Set([
  "as_integer_ratio", "bit_count", "bit_length", "conjugate", "denominator", "from_bytes", "imag", "numerator", "real", "to_bytes",
]);
const FLOAT = new Set(["as_integer_ratio", "conjugate", "fromhex", "hex", "imag", "is_integer", "real"]);

export function hasPythonAttribute(value: unknown, name: string): boolean {
  if (typeof value === "string") return STR.has(name);
  if (Array.isArray(value)) return LIST.has(name);
  if (isDict(value)) return DICT.has(name) || Object.prototype.hasOwnProperty.call(value, name);
  if (typeof value === "boolean") return INT.has(name);
  if (isNumber(value)) return isFloat(value) ? FLOAT.has(name) : INT.has(name);
  return false;
}
