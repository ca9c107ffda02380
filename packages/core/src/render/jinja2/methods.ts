import { isDict } from "../compile/values.ts";
import { pythonStrip } from "../python-strings.ts";
import { numeric, pair, pyEquals, pyIterate, pyRepr, pyStr, pyTypeName } from "./py-values.ts";

/**
 * Python's `str` methods that templates call (`s.strip()`, `s.split(',')`, …), on code points as Python counts them,
 * with Python's errors for arguments of the wrong type.
 */
export type Method = (self: never, args: unknown[], kwargs: Map<string, unknown> | null) => unknown;

const LINE_BREAKS = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/u;

export function pySplitLines(text: string, keepends = false): string[] {
  const lines: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    const match = LINE_BREAKS.exec(rest);
    if (!match) {
      lines.push(rest);
      break;
    }
    lines.push(rest.slice(0, match.index + (keepends ? match[0].length : 0)));
    rest = rest.slice(match.index + match[0].length);
  }
  return lines;
}

/** `str.capitalize()` (and each word of Jinja2's `title` filter): the first character upper, the rest lower. */
export function pyCapitalize(text: string): string {
  const [first = "", ...rest] = Array.from(text);
  return first.toUpperCase() + rest.join("").toLowerCase();
}

/** `str.title()`: a cased character after an uncased one is upper, any other lower. */
export function pyTitle(text: string): string {
  let previousCased = false;
  let out = "";
  for (const ch of text) {
    const cased = ch.toLowerCase() !== ch.toUpperCase();
    out += cased ? (previousCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    previousCased = cased;
  }
  return out;
}

export function pyReplace(text: string, old: string, replacement: string, count: number): string {
  if (count === 0) return text;
  const pieces = old === "" ? ["", ...Array.from(text), ""] : text.split(old);
  const limit = count < 0 ? pieces.length - 1 : Math.min(count, pieces.length - 1);
  const joinWith = old === "" ? "" : old;
  const head = pieces.slice(0, limit + 1).join(replacement);
  const tail = pieces.slice(limit + 1);
  if (old === "") return tail.length > 0 ? head + tail.join("") : head;
  return tail.length > 0 ? head + joinWith + tail.join(joinWith) : head;
}

export function pyCenter(text: string, width: number, fill = " "): string {
  const length = Array.from(text).length;
  if (width <= length) return text;
  const padding = width - length;
  const left = Math.floor(padding / 2) + (padding & width & 1);
  return fill.repeat(left) + text + fill.repeat(padding - left);
}

const INT_PATTERN = /^[+-]?\d+(_\d+)*$/u;
const FLOAT_PATTERN = /^[+-]?((\d+(_\d+)*)?\.?\d+(_\d+)*|\d+(_\d+)*\.)([eE][+-]?\d+(_\d+)*)?$/u;

/** Python's `int(text)` in base 10, or `undefined` where it raises ValueError. */
export function pyIntFromString(text: string, base: number): number | undefined {
  const trimmed = pythonStrip(text);
  if (base !== 10 || !INT_PATTERN.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll("_", ""));
}

/** Python's `float(text)`, or `undefined` where it raises ValueError. */
export function pyFloatFromString(text: string): number | undefined {
  const trimmed = pythonStrip(text).toLowerCase();
  const sign = trimmed.startsWith("-") ? -1 : 1;
  const unsigned = trimmed.replace(/^[+-]/, "");
  if (unsigned === "inf" || unsigned === "infinity") return sign * Infinity;
  if (unsigned === "nan") return NaN;
  if (!FLOAT_PATTERN.test(trimmed)) return undefined;
  return Number(trimmed.replaceAll("_", ""));
}

const mustBeStr = (value: unknown, what = "must be str"): string => {
  if (typeof value !== "string") throw new TypeError(`${what}, not ${pyTypeName(value)}`);
  return value;
};

const optionalChars = (name: string, value: unknown): string | null => {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string") throw new TypeError(`${name} arg must be None or str`);
  return value;
};

function split(text: string, args: unknown[]): string[] {
  const sep = args.length > 0 ? args[0] : null;
  const maxsplit = args.length > 1 ? numeric(args[1]) : -1;
  const parts: string[] = [];
  if (sep === null) {
    let rest = pythonStrip(text, "left");
    while (rest.length > 0) {
      if (maxsplit >= 0 && parts.length === maxsplit) {
        parts.push(pythonStrip(rest, "right"));
        break;
      }
      const match = /[\s\x1c-\x1f\x85]+/u.exec(rest);
      if (!match) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, match.index));
      rest = rest.slice(match.index + match[0].length);
    }
    return parts;
  }
  if (typeof sep !== "string") throw new TypeError(`must be str or None, not ${pyTypeName(sep)}`);
  if (sep === "") throw new Error("empty separator");
  const pieces = text.split(sep);
  if (maxsplit >= 0 && pieces.length > maxsplit + 1) return [...pieces.slice(0, maxsplit), pieces.slice(maxsplit).join(sep)];
  return pieces;
}

function affix(which: "startswith" | "endswith"): Method {
  return (text: string, args) => {
    const [prefix] = args;
    const candidates = Array.isArray(prefix) ? prefix : [prefix];
    return candidates.some((candidate) => {
      if (typeof candidate !== "string") {
        throw new TypeError(Array.isArray(prefix)
          ? `tuple for ${which} must only contain str, not ${pyTypeName(candidate)}`
          : `${which} first arg must be str or a tuple of str, not ${pyTypeName(candidate)}`);
      }
      return which === "startswith" ? text.startsWith(candidate) : text.endsWith(candidate);
    });
  };
}

/** `str.find`/`rfind`/`index` by code point. */
function find(which: "find" | "rfind" | "index" | "rindex"): Method {
  return (text: string, args) => {
    const sub = mustBeStr(args[0]);
    const units = which === "find" || which === "index" ? text.indexOf(sub) : text.lastIndexOf(sub);
    if (units === -1 && (which === "index" || which === "rindex")) throw new Error("substring not found");
    return units === -1 ? -1 : Array.from(text.slice(0, units)).length;
  };
}

function count(text: string, args: unknown[]): number {
  const sub = mustBeStr(args[0]);
  if (sub === "") return Array.from(text).length + 1;
  return text.split(sub).length - 1;
}

const isEvery = (test: RegExp): Method => (text: string) => text.length > 0 && Array.from(text).every((ch) => test.test(ch));

/** `str.format`, as the sandbox allows it, for `{}`, `{0}` and `{name}` fields without a format spec. */
function format(text: string, args: unknown[], kwargs: Map<string, unknown> | null): string {
  let auto = 0;
  return text.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (match, field: string | undefined) => {
    if (match === "{{") return "{";
    if (match === "}}") return "}";
    const name = field ?? "";
    if (/[!:.[]/.test(name)) throw new Error("str.format with a conversion, a format spec or an attribute is not supported");
    if (name === "") {
      if (auto >= args.length) throw new Error(`Replacement index ${auto} out of range for positional args tuple`);
      return pyStr(args[auto++]);
    }
    if (/^\d+$/.test(name)) {
      const index = Number(name);
      if (index >= args.length) throw new Error(`Replacement index ${index} out of range for positional args tuple`);
      return pyStr(args[index]);
    }
    if (!kwargs?.has(name)) throw new Error(`'${name}'`);
    return pyStr(kwargs.get(name));
  });
}

function join(text: string, args: unknown[]): string {
  return pyIterate(args[0]).map((item, i) => {
    if (typeof item !== "string") throw new TypeError(`sequence item ${i}: expected str instance, ${pyTypeName(item)} found`);
    return item;
  }).join(text);
}

function pad(which: "ljust" | "rjust" | "center" | "zfill"): Method {
  return (text: string, args) => {
    const width = numeric(args[0]);
    const fill = args.length > 1 ? mustBeStr(args[1], "The fill character must be a unicode character") : " ";
    const length = Array.from(text).length;
    if (width <= length) return text;
    if (which === "center") return pyCenter(text, width, fill);
    if (which === "ljust") return text + fill.repeat(width - length);
    if (which === "rjust") return fill.repeat(width - length) + text;
    const sign = /^[+-]/.test(text) ? text[0]! : "";
    return sign + "0".repeat(width - length) + text.slice(sign.length);
  };
}

export const STR_METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["strip", (text: string, args) => pythonStrip(text, "both", optionalChars("strip", args[0]))],
  ["lstrip", (text: string, args) => pythonStrip(text, "left", optionalChars("lstrip", args[0]))],
  ["rstrip", (text: string, args) => pythonStrip(text, "right", optionalChars("rstrip", args[0]))],
  ["split", split],
  ["splitlines", (text: string, args) => pySplitLines(text, args.length > 0 && !!args[0])],
  ["startswith", affix("startswith")],
  ["endswith", affix("endswith")],
  ["upper", (text: string) => text.toUpperCase()],
  ["lower", (text: string) => text.toLowerCase()],
  ["title", (text: string) => pyTitle(text)],
  ["capitalize", (text: string) => pyCapitalize(text)],
  ["replace", (text: string, args) => pyReplace(text, mustBeStr(args[0], "replace() argument 1 must be str"),
    mustBeStr(args[1], "replace() argument 2 must be str"), args.length > 2 ? numeric(args[2]) : -1)],
  ["count", count],
  ["find", find("find")],
  ["rfind", find("rfind")],
  ["index", find("index")],
  ["rindex", find("rindex")],
  ["isdigit", isEvery(/\p{Nd}/u)],
  ["isspace", isEvery(/[\s\x1c-\x1f\x85]/u)],
  ["isalpha", isEvery(/\p{L}/u)],
  ["isalnum", isEvery(/[\p{L}\p{N}]/u)],
  ["format", format],
  ["zfill", pad("zfill")],
  ["center", pad("center")],
  ["ljust", pad("ljust")],
  ["rjust", pad("rjust")],
  ["join", join],
]);

/** A list's `index` and `count`, and `copy` (the methods the immutable sandbox leaves a list). */
export const LIST_METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["index", (list: unknown[], args) => {
    const found = list.findIndex((item) => pyEquals(item, args[0]));
    if (found === -1) throw new Error(`${pyRepr(args[0])} is not in list`);
    return found;
  }],
  ["count", (list: unknown[], args) => list.filter((item) => pyEquals(item, args[0])).length],
  ["copy", (list: unknown[]) => [...list]],
]);

/** A dict's reading methods (`get`, `items`, `keys`, `values`, `copy`). */
export const DICT_METHODS: ReadonlyMap<string, Method> = new Map<string, Method>([
  ["get", (dict: Record<string, unknown>, args) => {
    const [key, fallback = null] = args;
    if (Array.isArray(key) || isDict(key)) throw new TypeError(`unhashable type: '${pyTypeName(key)}'`);
    return typeof key === "string" && Object.prototype.hasOwnProperty.call(dict, key) ? dict[key] : fallback;
  }],
  ["items", (dict: Record<string, unknown>) => Object.keys(dict).map((key) => pair(key, dict[key]))],
  ["keys", (dict: Record<string, unknown>) => Object.keys(dict)],
  ["values", (dict: Record<string, unknown>) => Object.keys(dict).map((key) => dict[key])],
  ["copy", (dict: Record<string, unknown>) => ({ ...dict })],
]);

/** Jinja2's name for an object in "has no attribute" errors (`'list object'`, `'None'`). */
export function objectTypeRepr(value: unknown): string {
  if (value === null) return "None";
  return `${pyTypeName(value)} object`;
}

/** `value.name` as a method, when `value` is a string, list or dict with that method. */
export function pyMethod(value: unknown, name: string): Method | undefined {
  if (typeof value === "string") return STR_METHODS.get(name);
  if (Array.isArray(value)) return LIST_METHODS.get(name);
  if (isDict(value)) return DICT_METHODS.get(name);
  return undefined;
}
