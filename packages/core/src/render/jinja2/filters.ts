import { toJson, type JsonOptions } from "../compile/json.ts";
import { isDict, isInteger } from "../compile/values.ts";
import { pythonStrip } from "../python-strings.ts";
import { escapeHtml, stripTags } from "./markup.ts";
import {
  floatResult, IntegralFloat, isFloat, isNumber, numeric, pair, pyIterate, pyLen, pyRepr, pySorted, pyStr, pyTruthy,
  pyTypeName, PyUndefinedError, pyCompare, pyEquals,
} from "./py-values.ts";
import { pyCapitalize, pyCenter, pyReplace, pySplitLines, pyFloatFromString, pyIntFromString } from "./methods.ts";
import { JINJA2_TESTS } from "./tests.ts";

/** A filter's evaluated arguments: positional, then keyword (`null` when there are none). */
export type Jinja2Filter = (operand: unknown, args: unknown[], kwargs: Map<string, unknown> | null) => unknown;

/** Python's argument binding: the positional argument at `index`, else the keyword, else the default. */
function arg(args: readonly unknown[], kwargs: Map<string, unknown> | null, index: number, name: string, fallback: unknown): unknown {
  if (index < args.length) return args[index];
  if (kwargs?.has(name)) return kwargs.get(name);
  return fallback;
}

/** Jinja2's `make_attrgetter`: a dotted path of keys (digits index lists); missing anywhere → undefined. */
export function attributeGetter(attribute: unknown): (item: unknown) => unknown {
  if (attribute === null || attribute === undefined) return (item) => item;
  const parts = typeof attribute === "string" ? attribute.split(".") : [attribute];
  return (item) => {
    let current = item;
    for (const part of parts) current = getItem(current, typeof part === "string" && /^\d+$/.test(part) ? Number(part) : part);
    return current;
  };
}

/** Jinja2's `environment.getitem`: `obj[key]`, else undefined (an undefined value raises). */
function getItem(obj: unknown, key: unknown): unknown {
  if (obj === undefined) throw new PyUndefinedError();
  if (isDict(obj) && typeof key === "string") return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
  if ((Array.isArray(obj) || typeof obj === "string") && isInteger(key)) {
    const items = typeof obj === "string" ? Array.from(obj) : obj;
    return items.at(key);
  }
  return undefined;
}

/** Jinja2's `ignore_case`, the sort key of the case-insensitive filters. */
const ignoreCase = (value: unknown) => (typeof value === "string" ? value.toLowerCase() : value);

function sortKey(caseSensitive: unknown, attribute: unknown): (item: unknown) => unknown {
  const get = attributeGetter(attribute);
  return pyTruthy(caseSensitive) ? get : (item) => ignoreCase(get(item));
}

/** `int(value)` as Jinja2's `int` filter tries it: int(), then int(float()), then the default. */
function toInt(value: unknown, fallback: unknown, base: unknown): unknown {
  if (value === undefined) throw new PyUndefinedError();
  if (typeof value === "string") {
    const parsed = pyIntFromString(value, numeric(base));
    if (parsed !== undefined) return parsed;
    const float = pyFloatFromString(value);
    return float === undefined || !Number.isFinite(float) ? fallback : Math.trunc(float);
  }
  if (typeof value === "boolean") return Number(value);
  if (isNumber(value)) return Math.trunc(numeric(value));
  return fallback;
}

function toFloat(value: unknown, fallback: unknown): unknown {
  if (value === undefined) throw new PyUndefinedError();
  if (typeof value === "string") {
    const parsed = pyFloatFromString(value);
    return parsed === undefined ? fallback : floatResult(parsed);
  }
  if (isNumber(value) || typeof value === "boolean") return floatResult(numeric(value));
  return fallback;
}

/** Python's `round(x, ndigits)`: half to even; an int stays an int. */
function pyRound(value: unknown, precision: number): unknown {
  if (!(isNumber(value) || typeof value === "boolean")) throw new TypeError(`type ${pyTypeName(value)} doesn't define __round__ method`);
  if (!isFloat(value)) return numeric(value);
  const n = numeric(value);
  const factor = 10 ** precision;
  const scaled = n * factor;
  const floor = Math.floor(scaled);
  const diff = scaled - floor;
  const rounded = diff > 0.5 ? floor + 1 : diff < 0.5 ? floor : floor % 2 === 0 ? floor : floor + 1;
  return floatResult(rounded / factor);
}

function roundFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown {
  const precision = numeric(arg(args, kwargs, 0, "precision", 0));
  const method = arg(args, kwargs, 1, "method", "common");
  if (method !== "common" && method !== "ceil" && method !== "floor") throw new Error("method must be common, ceil or floor");
  if (method === "common") return pyRound(value, precision);
  if (value === undefined) throw new PyUndefinedError();
  const factor = 10 ** precision;
  if (typeof value === "string") throw new TypeError("must be real number, not str");
  if (Array.isArray(value)) throw new TypeError(`must be real number, not ${pyTypeName(value)}`);
  if (!(isNumber(value) || typeof value === "boolean")) {
    throw new TypeError(`unsupported operand type(s) for *: '${pyTypeName(value)}' and 'int'`);
  }
  const scaled = numeric(value) * factor;
  return floatResult((method === "ceil" ? Math.ceil(scaled) : Math.floor(scaled)) / factor);
}

function indentFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): string {
  const width = arg(args, kwargs, 0, "width", 4);
  const first = pyTruthy(arg(args, kwargs, 1, "first", false));
  const blank = pyTruthy(arg(args, kwargs, 2, "blank", false));
  const indention = typeof width === "string" ? width : " ".repeat(numeric(width));
  // Jinja2 appends a newline to the value itself (`s += "\n"`), before any conversion to a string.
  if (value === undefined) throw new PyUndefinedError();
  if (Array.isArray(value)) throw new Error(`'${pyTypeName(value)}' object has no attribute 'splitlines'`);
  if (typeof value !== "string") throw new TypeError(`unsupported operand type(s) for +=: '${pyTypeName(value)}' and 'str'`);
  const lines = pySplitLines(value + "\n");
  let result: string;
  if (blank) result = lines.join("\n" + indention);
  else {
    result = lines.shift() ?? "";
    if (lines.length > 0) result += "\n" + lines.map((line) => (line ? indention + line : line)).join("\n");
  }
  return first ? indention + result : result;
}

function truncateFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown {
  const length = numeric(arg(args, kwargs, 0, "length", 255));
  const killwords = pyTruthy(arg(args, kwargs, 1, "killwords", false));
  const end = pyStr(arg(args, kwargs, 2, "end", "..."));
  const leeway = numeric(arg(args, kwargs, 3, "leeway", 5));
  const endLength = Array.from(end).length;
  if (length < endLength) throw new Error(`expected length >= ${endLength}, got ${length}`);
  if (pyLen(value) <= length + leeway) return value;
  const text = Array.from(value as string);
  const kept = text.slice(0, length - endLength).join("");
  if (killwords) return kept + end;
  const space = kept.lastIndexOf(" ");
  return (space === -1 ? kept : kept.slice(0, space)) + end;
}

function joinFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): string {
  const separator = pyStr(arg(args, kwargs, 0, "d", ""));
  const get = attributeGetter(arg(args, kwargs, 1, "attribute", null));
  return pyIterate(value).map((item) => pyStr(get(item))).join(separator);
}

function mapFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  // Jinja2 maps only `if value`: None, 0, False and empty values map to nothing.
  const items = pyTruthy(value) ? pyIterate(value) : [];
  if (args.length === 0 && kwargs?.has("attribute")) {
    const get = attributeGetter(kwargs.get("attribute"));
    const hasDefault = kwargs.has("default");
    return items.map((item) => {
      const found = get(item);
      return found === undefined && hasDefault ? kwargs.get("default") : found;
    });
  }
  const [name, ...rest] = args;
  const filter = typeof name === "string" ? JINJA2_FILTERS.get(name) : undefined;
  if (!filter) throw new Error(`No filter named ${pyRepr(name)}.`);
  return items.map((item) => filter(item, rest, kwargs));
}

function selectFilter(select: boolean, byAttribute: boolean): Jinja2Filter {
  return (value, args) => {
    const rest = [...args];
    const get = byAttribute ? attributeGetter(rest.shift()) : (item: unknown) => item;
    let check: (item: unknown) => boolean;
    if (rest.length > 0) {
      const [name, ...testArgs] = rest;
      const test = typeof name === "string" ? JINJA2_TESTS.get(name) : undefined;
      if (!test) throw new Error(`No test named ${pyRepr(name)}.`);
      check = (item) => test(item, testArgs);
    } else check = pyTruthy;
    // Jinja2 walks the sequence only `if seq`: None, an undefined value and an empty one select nothing.
    if (!pyTruthy(value)) return [];
    return pyIterate(value).filter((item) => check(get(item)) === select);
  };
}

function aggregate(which: "min" | "max"): Jinja2Filter {
  return (value, args, kwargs) => {
    const items = pyIterate(value);
    if (items.length === 0) return undefined;
    const key = sortKey(arg(args, kwargs, 0, "case_sensitive", false), arg(args, kwargs, 1, "attribute", null));
    let best = items[0];
    let bestKey = key(best);
    for (const item of items.slice(1)) {
      const itemKey = key(item);
      if (pyCompare(itemKey, which === "min" ? "<" : ">", bestKey)) [best, bestKey] = [item, itemKey];
    }
    return best;
  };
}

function sumFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown {
  const get = attributeGetter(arg(args, kwargs, 0, "attribute", null));
  let total = arg(args, kwargs, 1, "start", 0);
  for (const item of pyIterate(value)) {
    const next = get(item);
    const numberLike = (v: unknown) => isNumber(v) || typeof v === "boolean";
    if (!numberLike(total) || !numberLike(next)) {
      throw new TypeError(`unsupported operand type(s) for +: '${pyTypeName(total)}' and '${pyTypeName(next)}'`);
    }
    const sum = numeric(total) + numeric(next);
    total = isFloat(total) || isFloat(next) ? floatResult(sum) : sum;
  }
  return total;
}

function uniqueFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  const key = sortKey(arg(args, kwargs, 0, "case_sensitive", false), arg(args, kwargs, 1, "attribute", null));
  const seen: unknown[] = [];
  const kept: unknown[] = [];
  for (const item of pyIterate(value)) {
    const itemKey = key(item);
    if (Array.isArray(itemKey) || isDict(itemKey)) throw new TypeError(`unhashable type: '${pyTypeName(itemKey)}'`);
    if (!seen.some((other) => pyEquals(other, itemKey))) {
      seen.push(itemKey);
      kept.push(item);
    }
  }
  return kept;
}

function batchFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  const size = numeric(arg(args, kwargs, 0, "linecount", 1));
  const fill = arg(args, kwargs, 1, "fill_with", null);
  const batches: unknown[][] = [];
  let current: unknown[] = [];
  for (const item of pyIterate(value)) {
    if (current.length === size) {
      batches.push(current);
      current = [];
    }
    current.push(item);
  }
  if (current.length > 0) {
    if (fill !== null && current.length < size) current.push(...Array<unknown>(size - current.length).fill(fill));
    batches.push(current);
  }
  return batches;
}

function sliceFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  const count = numeric(arg(args, kwargs, 0, "slices", 1));
  const fill = arg(args, kwargs, 1, "fill_with", null);
  const items = [...pyIterate(value)];
  const perSlice = Math.floor(items.length / count);
  const withExtra = items.length % count;
  const slices: unknown[][] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    const start = offset + i * perSlice;
    if (i < withExtra) offset++;
    const part = items.slice(start, offset + (i + 1) * perSlice);
    if (fill !== null && i >= withExtra) part.push(fill);
    slices.push(part);
  }
  return slices;
}

function dictsortFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  const caseSensitive = pyTruthy(arg(args, kwargs, 0, "case_sensitive", false));
  const by = arg(args, kwargs, 1, "by", "key");
  const reverse = pyTruthy(arg(args, kwargs, 2, "reverse", false));
  if (value === undefined) throw new PyUndefinedError();
  if (!isDict(value)) throw new Error(`'${pyTypeName(value)}' object has no attribute 'items'`);
  if (by !== "key" && by !== "value") throw new Error("You can only sort by either 'key' or 'value'");
  const position = by === "key" ? 0 : 1;
  const items = Object.keys(value).map((key) => pair(key, value[key]));
  return pySorted(items, (item) => (caseSensitive ? item[position] : ignoreCase(item[position])), reverse);
}

function reverseFilter(value: unknown): unknown {
  if (typeof value === "string") return Array.from(value).reverse().join("");
  // Jinja2's `Undefined` has a length (0) and items: `reversed` walks it as empty.
  if (value === undefined) return [];
  if (Array.isArray(value)) return [...value].reverse();
  if (isDict(value)) return Object.keys(value).reverse();
  throw new Error("argument must be iterable");
}

function tojsonFilter(value: unknown, args: unknown[], kwargs: Map<string, unknown> | null): string {
  const options: JsonOptions = {
    ensureAscii: pyTruthy(arg(args, kwargs, 0, "ensure_ascii", false)),
    indent: arg(args, kwargs, 1, "indent", null) as number | null,
    separators: arg(args, kwargs, 2, "separators", null) as [string, string] | null,
  };
  if (pyTruthy(arg(args, kwargs, 3, "sort_keys", false))) throw new Error("tojson(sort_keys=True) is not supported");
  return toJson(jsonReady(value), options);
}

/** JSON's view of a value: what `json.dumps` refuses is refused here too. */
function jsonReady(value: unknown): unknown {
  if (value === undefined) throw new TypeError("Object of type Undefined is not JSON serializable");
  if (value instanceof IntegralFloat) throw new TypeError("json of an integral float");
  if (typeof value === "object" && value !== null && !Array.isArray(value) && !isDict(value)) throw new TypeError(`Object of type ${pyTypeName(value)} is not JSON serializable`);
  if (Array.isArray(value)) return value.map(jsonReady);
  if (isDict(value)) return Object.fromEntries(Object.keys(value).map((key) => [key, jsonReady(value[key])]));
  return value;
}

/** `attr` reads a Python attribute, never an item: a dict's keys are not attributes. */
function attrFilter(value: unknown): unknown {
  if (value === undefined) throw new PyUndefinedError();
  return undefined;
}

const stringFilter = (apply: (text: string) => unknown): Jinja2Filter => (value) => apply(pyStr(value));

/** Jinja2's built-in filters (3.1), on plain values, with Python's coercions and errors. */
export const JINJA2_FILTERS: ReadonlyMap<string, Jinja2Filter> = new Map<string, Jinja2Filter>([
  ["trim", (value, args, kwargs) => {
    const chars = arg(args, kwargs, 0, "chars", null);
    return pythonStrip(pyStr(value), "both", chars === null ? null : String(chars));
  }],
  ["upper", stringFilter((text) => text.toUpperCase())],
  ["lower", stringFilter((text) => text.toLowerCase())],
  ["title", stringFilter((text) =>
    text.split(/([-\s({[<]+)/u).filter((part) => part).map((part) => pyCapitalize(part)).join(""))],
  ["capitalize", stringFilter((text) => pyCapitalize(text))],
  ["length", (value) => pyLen(value)],
  ["count", (value) => pyLen(value)],
  ["first", (value) => pyIterate(value)[0]],
  ["last", (value) => {
    if (!(value === undefined || typeof value === "string" || Array.isArray(value) || isDict(value))) {
      throw new TypeError(`'${pyTypeName(value)}' object is not reversible`);
    }
    return pyIterate(value).at(-1);
  }],
  ["join", joinFilter],
  ["default", (value, args, kwargs) => {
    const fallback = arg(args, kwargs, 0, "default_value", "");
    const boolean = pyTruthy(arg(args, kwargs, 1, "boolean", false));
    return value === undefined || (boolean && !pyTruthy(value)) ? fallback : value;
  }],
  ["tojson", tojsonFilter],
  ["string", (value) => pyStr(value)],
  ["int", (value, args, kwargs) => toInt(value, arg(args, kwargs, 0, "default", 0), arg(args, kwargs, 1, "base", 10))],
  ["float", (value, args, kwargs) => toFloat(value, arg(args, kwargs, 0, "default", new IntegralFloat(0)))],
  ["abs", (value) => {
    if (typeof value === "boolean") return Number(value);
    if (!isNumber(value)) throw new TypeError(`bad operand type for abs(): '${pyTypeName(value)}'`);
    return value instanceof IntegralFloat ? new IntegralFloat(Math.abs(value.value)) : Math.abs(value);
  }],
  ["round", roundFilter],
  ["list", (value) => [...pyIterate(value)]],
  ["items", (value) => {
    if (value === undefined) return [];
    if (!isDict(value)) throw new TypeError("Can only get item pairs from a mapping.");
    return Object.keys(value).map((key) => pair(key, value[key]));
  }],
  ["dictsort", dictsortFilter],
  ["replace", (value, args, kwargs) => {
    const count = arg(args, kwargs, 2, "count", null);
    return pyReplace(pyStr(value), pyStr(args[0]), pyStr(args[1]), count === null ? -1 : numeric(count));
  }],
  ["indent", indentFilter],
  ["safe", (value) => pyStr(value)],
  ["unique", uniqueFilter],
  ["sort", (value, args, kwargs) => {
    const reverse = pyTruthy(arg(args, kwargs, 0, "reverse", false));
    const key = sortKey(arg(args, kwargs, 1, "case_sensitive", false), arg(args, kwargs, 2, "attribute", null));
    return pySorted(pyIterate(value), key, reverse);
  }],
  ["reverse", reverseFilter],
  ["map", mapFilter],
  ["select", selectFilter(true, false)],
  ["reject", selectFilter(false, false)],
  ["selectattr", selectFilter(true, true)],
  ["rejectattr", selectFilter(false, true)],
  ["batch", batchFilter],
  ["slice", sliceFilter],
  ["sum", sumFilter],
  ["min", aggregate("min")],
  ["max", aggregate("max")],
  ["wordcount", stringFilter((text) => text.match(/[\p{L}\p{N}_]+/gu)?.length ?? 0)],
  ["center", (value, args, kwargs) => pyCenter(pyStr(value), numeric(arg(args, kwargs, 0, "width", 80)))],
  ["striptags", stringFilter(stripTags)],
  ["truncate", truncateFilter],
  ["attr", attrFilter],
  ["escape", stringFilter(escapeHtml)],
  ["e", stringFilter(escapeHtml)],
]);
(JINJA2_FILTERS as Map<string, Jinja2Filter>).set("d", JINJA2_FILTERS.get("default")!);
