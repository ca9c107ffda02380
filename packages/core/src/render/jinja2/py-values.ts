import { pythonFloatRepr, pythonStringRepr } from "../python-str.ts";
import { Callable, hasKey, isDict, isTuple, Namespace, tuple } from "../compile/values.ts";

/**
 * Python's view of the plain values both renderers share (the compiled renderer's representation, see
 * `compile/values.ts`): what Jinja2's filters, tests and methods need to know about them (type names, `str()`,
 * iteration, `len`, comparison), with Python's error text.
 */

/** A float with an integral value (`3.0`): a plain JavaScript number would print `3`. */
export class IntegralFloat {
  constructor(readonly value: number) {}
}

/** Jinja2's `UndefinedError` raised on an undefined operand; each renderer names the operand (`'v' is undefined`). */
export class PyUndefinedError extends Error {
  constructor(readonly hint?: string) {
    super(hint ?? "the value is undefined");
  }
}

export const isNumber = (v: unknown): v is number | IntegralFloat => typeof v === "number" || v instanceof IntegralFloat;
export const isFloat = (v: unknown): boolean => v instanceof IntegralFloat || (typeof v === "number" && !Number.isInteger(v));
/** A number's (or boolean's, as Python's `bool` is an `int`) numeric value. */
export const numeric = (v: unknown): number => (v instanceof IntegralFloat ? v.value : typeof v === "boolean" ? Number(v) : (v as number));
/** A float result: integral values are tagged so they print as Python prints them (`2.0`). */
export const floatResult = (n: number): number | IntegralFloat => (Number.isInteger(n) ? new IntegralFloat(n) : n);

/** Python's `type(v).__name__` (Jinja2's `Undefined` for an undefined value). */
export function pyTypeName(v: unknown): string {
  if (v === undefined) return "Undefined";
  if (v === null) return "NoneType";
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (isNumber(v)) return isFloat(v) ? "float" : "int";
  if (Array.isArray(v)) return isTuple(v) ? "tuple" : "list";
  if (v instanceof Namespace) return "Namespace";
  if (v instanceof Callable || typeof v === "function") return "function";
  return "dict";
}

/** Python's `repr()`. */
export function pyRepr(v: unknown): string {
  if (typeof v === "string") return pythonStringRepr(v);
  if (v === null) return "None";
  if (v === undefined) return "Undefined";
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v instanceof IntegralFloat) return pythonFloatRepr(v.value);
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : pythonFloatRepr(v);
  if (Array.isArray(v)) {
    const items = v.map(pyRepr);
    if (!isTuple(v)) return `[${items.join(", ")}]`;
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
  }
  if (isDict(v)) return `{${Object.keys(v).map((key) => `${pythonStringRepr(key)}: ${pyRepr(v[key])}`).join(", ")}}`;
  // Jinja2 prints `<Namespace {…}>` or `<Macro 'name'>`; the interpreter's own hooks print those.
  throw new Error(`no Python repr for a ${pyTypeName(v)} here`);
}

/** Python's `str()` (Jinja2's `soft_str`): an undefined value is the empty string. */
export function pyStr(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined) return "";
  return pyRepr(v);
}

/** Python's truth value. */
export function pyTruthy(v: unknown): boolean {
  if (v instanceof IntegralFloat) return v.value !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  if (typeof v === "object" && v !== null) return true;
  return !!v;
}

/** `iter(v)` walked to the end: a string's characters, a dict's keys, an undefined value's nothing. */
export function pyIterate(v: unknown): unknown[] {
  if (typeof v === "string") return Array.from(v);
  if (Array.isArray(v)) return v;
  if (v === undefined) return [];
  if (isDict(v)) return Object.keys(v);
  throw new TypeError(`'${pyTypeName(v)}' object is not iterable`);
}

/** `len(v)`: code points for a string; an undefined value's length is 0. */
export function pyLen(v: unknown): number {
  if (typeof v === "string") return Array.from(v).length;
  if (Array.isArray(v)) return v.length;
  if (v === undefined) return 0;
  if (isDict(v)) return Object.keys(v).length;
  throw new TypeError(`object of type '${pyTypeName(v)}' has no len()`);
}

/** Python's `==`. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if ((isNumber(a) || typeof a === "boolean") && (isNumber(b) || typeof b === "boolean")) return numeric(a) === numeric(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return isTuple(a) === isTuple(b) && a.length === b.length && a.every((item, i) => pyEquals(item, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => hasKey(b, key) && pyEquals(a[key], b[key]));
  }
  // Jinja2's `Undefined` equals only another `Undefined`.
  return a === b;
}

export type Comparison = "<" | ">" | "<=" | ">=";

/** Python's `a < b` (and co.): numbers with numbers, strings with strings, lists and tuples item by item; else TypeError. */
export function pyCompare(a: unknown, op: Comparison, b: unknown): boolean {
  if (a === undefined || b === undefined) throw new PyUndefinedError();
  const order = pyOrder(a, op, b);
  return op === "<" ? order < 0 : op === ">" ? order > 0 : op === "<=" ? order <= 0 : order >= 0;
}

function pyOrder(a: unknown, op: Comparison, b: unknown): number {
  const numberLike = (v: unknown) => isNumber(v) || typeof v === "boolean";
  if (numberLike(a) && numberLike(b)) return Math.sign(numeric(a) - numeric(b));
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b) && isTuple(a) === isTuple(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEquals(a[i], b[i])) return pyCompare(a[i], "<", b[i]) ? -1 : 1;
    }
    return Math.sign(a.length - b.length);
  }
  throw new TypeError(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/**
 * `sorted(items, key=key)` as CPython sorts a short list (a run, then binary insertion), so that a list Python cannot
 * sort fails on the same pair, with the same message; longer lists sort stably by the same comparison.
 */
export function pySorted<T>(items: readonly T[], key: (item: T) => unknown = (item) => item, reverse = false): T[] {
  const keyed = items.map((item) => ({ item, key: key(item) }));
  const less = (a: { key: unknown }, b: { key: unknown }) => pyCompare(a.key, "<", b.key);
  // CPython's `reverse=True` reverses, sorts stably, and reverses back.
  if (reverse) keyed.reverse();
  if (keyed.length >= 64) keyed.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
  else binarySort(keyed, less);
  if (reverse) keyed.reverse();
  return keyed.map(({ item }) => item);
}

function binarySort<T>(a: T[], less: (x: T, y: T) => boolean): void {
  if (a.length < 2) return;
  let run = 2;
  if (less(a[1]!, a[0]!)) {
    while (run < a.length && less(a[run]!, a[run - 1]!)) run++;
    a.splice(0, run, ...a.slice(0, run).reverse());
  } else {
    while (run < a.length && !less(a[run]!, a[run - 1]!)) run++;
  }
  for (let start = run; start < a.length; start++) {
    const pivot = a[start]!;
    let lo = 0;
    let hi = start;
    while (lo < hi) {
      const mid = lo + ((hi - lo) >> 1);
      if (less(pivot, a[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    a.splice(start, 1);
    a.splice(lo, 0, pivot);
  }
}

/** Python's `a % b` as the tests `odd`/`even`/`divisibleby` use it. */
export function pyModulo(a: unknown, b: unknown): number {
  if (a === undefined) throw new PyUndefinedError();
  if (typeof a === "string") throw new TypeError("not all arguments converted during string formatting");
  if (!(isNumber(a) || typeof a === "boolean") || !(isNumber(b) || typeof b === "boolean")) {
    throw new TypeError(`unsupported operand type(s) for %: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
  }
  const divisor = numeric(b);
  if (divisor === 0) throw new Error(isFloat(a) || isFloat(b) ? "float modulo" : "integer modulo by zero");
  const result = numeric(a) - divisor * Math.floor(numeric(a) / divisor);
  return result;
}

/** A tuple of the given items (a dict's item pair). */
export const pair = (key: unknown, value: unknown): unknown[] => tuple([key, value]);
