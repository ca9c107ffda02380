import { objectTypeRepr, pyMethod } from "../jinja2/methods.ts";
import { hasPythonAttribute } from "../jinja2/python-attributes.ts";
import { requireShareable } from "./jinja2-values.ts";
import { boundedResult } from "../render-limits.ts";
import { leaveRefusedAttribute } from "./refused-attributes.ts";
import { noKeywords, STRING_METHODS } from "./string-methods.ts";
import { Callable, hasKey, isCallable, isDict, isInteger, libraryValue, Namespace, notCompiled, type Scope, typeName } from "./values.ts";

type Dict = Record<string, unknown>;
type DictMethod = (dict: Dict, args: readonly unknown[]) => unknown;

/** `d.items()` and co.: the `ObjectValue` builtins. */
export const DICT_METHODS: ReadonlyMap<string, DictMethod> = new Map<string, DictMethod>([
  ["get", (dict, args) => {
    const key = args[0];
    if (typeof key !== "string") throw new Error(`Object key must be a string: got ${typeName(key)}`);
    return hasKey(dict, key) ? dict[key] : args.length > 1 ? args[1] : null;
  }],
  ["items", (dict) => Object.keys(dict).map((key) => [key, dict[key]])],
  ["keys", (dict) => Object.keys(dict)],
  ["values", (dict) => Object.keys(dict).map((key) => dict[key])],
  ["dictsort", (dict, args) => {
    if (args.length > 0) notCompiled("dictsort with arguments");
    const lower = (key: string) => key.toLowerCase();
    return Object.keys(dict)
      .sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0))
      .map((key) => [key, dict[key]]);
  }],
]);

/** Names the adjusted interpreter always resolves to the dict's method on `d.name`, even when `d` has such a key. */
const ALWAYS_METHODS = new Set(["items", "keys", "values", "get"]);

/**
 * `object.name` / `object[key]` as the library resolves it (after the adjusted interpreter's checks): a dict's own key
 * (else its method), a namespace's attribute, a list's or string's index or builtin; anything else is undefined.
 */
export function member(object: unknown, property: unknown, attribute = false): unknown {
  if (typeof property === "string") leaveRefusedAttribute(object, property, !attribute);
  if (isDict(object)) {
    if (typeof property !== "string") throw new Error(`Cannot access property with non-string: got ${typeName(property)}`);
    if (!(attribute && ALWAYS_METHODS.has(property)) && hasKey(object, property)) return object[property];
    const method = DICT_METHODS.get(property);
    if (!method) return undefined;
    return new Callable((args, kwargs) => {
      noKeywords(kwargs, property);
      return method(object, args);
    });
  }
  if (object instanceof Namespace) {
    if (typeof property !== "string") throw new Error(`Cannot access property with non-string: got ${typeName(property)}`);
    return object.values.get(property);
  }
  if (Array.isArray(object) || typeof object === "string") {
    if (isInteger(property)) return typeof object === "string" ? object.at(property) : object.at(property);
    if (typeof property !== "string") throw new Error(`Cannot access property with non-string/non-number: got ${typeName(property)}`);
    if (property === "length") return object.length;
    if (typeof object !== "string") return undefined;
    const method = STRING_METHODS.get(property);
    if (!method) return undefined;
    return new Callable((args, kwargs) => {
      noKeywords(kwargs, property);
      return method(object, args);
    });
  }
  if (typeof property !== "string") throw new Error(`Cannot access property with non-string: got ${typeName(property)}`);
  return undefined;
}

/** `object.name(args)` without making a bound method when the method is a string's, list's or dict's builtin. */
export function callMember(object: unknown, name: string, args: unknown[], kwargs: Map<string, unknown> | null, scope: Scope): unknown {
  // Python's str/list/dict methods, shared with the interpreter (`../jinja2/methods.ts`); a dict's key of the same
  // name is not a method (except the names the adjusted interpreter always resolves to the method).
  const isKey = isDict(object) && hasKey(object, name) && !ALWAYS_METHODS.has(name);
  const method = isKey ? undefined : pyMethod(object, name);
  if (method) {
    requireShareable([object, ...args], kwargs, `.${name}()`);
    return boundedResult(method(object as never, args, kwargs));
  }
  if (object !== undefined && !(object instanceof Namespace) && !isCallable(object) && !hasPythonAttribute(object, name)) {
    throw new Error(`'${objectTypeRepr(object)}' has no attribute '${name}'`);
  }
  if (typeof object === "string") {
    const method = STRING_METHODS.get(name);
    if (method) {
      noKeywords(kwargs, name);
      return method(object, args);
    }
  } else if (isDict(object) && (ALWAYS_METHODS.has(name) || !hasKey(object, name))) {
    const method = DICT_METHODS.get(name);
    if (method) {
      noKeywords(kwargs, name);
      return method(object, args);
    }
  }
  return callValue(member(object, name, true), args, kwargs, scope);
}

const isPlainArgument = (value: unknown) => value === null || (typeof value !== "object" && typeof value !== "function");

/** Calling a value: a template callable, or a context function (which the library hands its arguments' `.value`s). */
export function callValue(fn: unknown, args: unknown[], kwargs: Map<string, unknown> | null, scope: Scope): unknown {
  if (fn instanceof Callable) return fn.call(args, kwargs, scope);
  if (typeof fn === "function") {
    noKeywords(kwargs, "a context function");
    if (!args.every(isPlainArgument)) notCompiled("a context function called with a container");
    const result = (fn as (...values: unknown[]) => unknown)(...args.map(libraryValue)) ?? null;
    if (!(isPlainArgument(result) || (Array.isArray(result) && result.every(isPlainArgument)))) notCompiled("a context function's result");
    return result;
  }
  throw new Error(`Cannot call something that is not a function: got ${typeName(fn)}`);
}

/** The library's `slice`, for lists and (by code point) strings. */
export function sliceValue(object: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (!(Array.isArray(object) || typeof object === "string")) throw new Error("Slice object must be an array or string");
  for (const bound of [start, stop, step]) {
    if (!(bound === undefined || isInteger(bound))) throw new Error("Slice bounds must be numeric or undefined");
  }
  const items: unknown[] = typeof object === "string" ? Array.from(object) : object;
  const sliced = slice(items, start as number | undefined, stop as number | undefined, (step as number | undefined) ?? 1);
  return typeof object === "string" ? sliced.join("") : sliced;
}

function slice(array: readonly unknown[], start: number | undefined, stop: number | undefined, step: number): unknown[] {
  const direction = Math.sign(step);
  let from: number;
  let to: number;
  if (direction >= 0) {
    from = (start ??= 0) < 0 ? Math.max(array.length + start, 0) : Math.min(start, array.length);
    to = (stop ??= array.length) < 0 ? Math.max(array.length + stop, 0) : Math.min(stop, array.length);
  } else {
    from = (start ??= array.length - 1) < 0 ? Math.max(array.length + start, -1) : Math.min(start, array.length - 1);
    to = (stop ??= -1) < -1 ? Math.max(array.length + stop, -1) : Math.min(stop, array.length - 1);
  }
  const result: unknown[] = [];
  for (let i = from; direction * i < direction * to; i += step) result.push(array[i]);
  return result;
}
