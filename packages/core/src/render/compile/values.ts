/**
 * The plain values a compiled template works on, standing for `@huggingface/jinja`'s runtime values:
 * string → StringValue, number → IntegerValue (an integer) or FloatValue (not an integer), boolean → BooleanValue,
 * null → NullValue, JavaScript `undefined` → UndefinedValue, array → ArrayValue (TupleValue when tagged by `tuple`),
 * plain object → ObjectValue, `Namespace` → NamespaceValue, `Callable` or a context function → FunctionValue.
 * A compiled template never makes an integral float, so "integer or not" is all that tells the number types apart.
 */

/** Thrown where the compiled render does not reproduce the interpreter; the caller re-renders with the interpreter. */
export class NotCompiled extends Error {}

export const notCompiled = (what: string): never => {
  throw new NotCompiled(what);
};

const TUPLE = Symbol("tuple");

export function tuple(items: unknown[]): unknown[] {
  (items as unknown as Record<symbol, boolean>)[TUPLE] = true;
  return items;
}

export const isTuple = (value: unknown): boolean =>
  Array.isArray(value) && (value as unknown as Record<symbol, boolean>)[TUPLE] === true;

/** `namespace(...)`: an attribute container that is not a mapping. */
export class Namespace {
  constructor(readonly values: Map<string, unknown>) {}
}

/** The variable scopes of the interpreter's `Environment` chain: a `set` writes the innermost, a name reads outwards. */
export class Scope {
  readonly vars = new Map<string, unknown>();
  constructor(readonly parent: Scope | null) {}
}

export function lookup(scope: Scope, name: string): unknown {
  for (let s: Scope | null = scope; s; s = s.parent) {
    const value = s.vars.get(name);
    if (value !== undefined || s.vars.has(name)) return value;
  }
  return undefined;
}

export type CallableFn = (args: unknown[], kwargs: Map<string, unknown> | null, scope: Scope) => unknown;

/** A function of the template's world (a macro, `namespace`, a bound string or dict method). */
export class Callable {
  constructor(readonly call: CallableFn) {}
}

export const isCallable = (value: unknown): boolean => value instanceof Callable || typeof value === "function";

/** A plain object standing for a dict (an ObjectValue). */
export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Namespace) && !(value instanceof Callable);
}

export const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

export const hasKey = (dict: Record<string, unknown>, key: string): boolean => Object.prototype.hasOwnProperty.call(dict, key);

/** The dict's own value for `key`, or `missing` when it has no such key. */
export function ownValue(dict: Record<string, unknown>, key: string, missing: unknown = undefined): unknown {
  return hasKey(dict, key) ? dict[key] : missing;
}

export function dictSize(dict: Record<string, unknown>): number {
  return Object.keys(dict).length;
}

/** `__bool__`: JavaScript truthiness, except lists and dicts (empty is false) and namespaces (always true). */
export function truthy(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return !!value;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Namespace || value instanceof Callable) return true;
  for (const key in value) if (hasKey(value as Record<string, unknown>, key)) return true;
  return false;
}

/** A key the interpreter's `Map` keeps in insertion order but a plain object would move first or treat specially. */
export function checkDictKey(key: string): string {
  if (/^(0|[1-9]\d*)$/.test(key) || key === "__proto__") notCompiled(`dict key ${JSON.stringify(key)}`);
  return key;
}

/** The interpreter's type names, for messages only. */
export function typeName(value: unknown): string {
  if (value === undefined) return "UndefinedValue";
  if (value === null) return "NullValue";
  if (typeof value === "string") return "StringValue";
  if (typeof value === "boolean") return "BooleanValue";
  if (typeof value === "number") return Number.isInteger(value) ? "IntegerValue" : "FloatValue";
  if (Array.isArray(value)) return isTuple(value) ? "TupleValue" : "ArrayValue";
  if (value instanceof Namespace) return "NamespaceValue";
  if (isCallable(value)) return "FunctionValue";
  return "ObjectValue";
}

/**
 * `args.at(i) ?? kwargs.get(name) ?? fallback` as the interpreter means it: an argument that is passed but undefined
 * is a value there (an UndefinedValue object), so only a missing argument falls through.
 */
export function argument(args: readonly unknown[], index: number, kwargs: Map<string, unknown> | null, name: string, fallback: unknown): unknown {
  if (index >= 0 && index < args.length) return args[index];
  if (kwargs?.has(name)) return kwargs.get(name);
  return fallback;
}

/** A value's `.value` in the library where it is plain: its NullValue holds no value, so None reads as `undefined`. */
export const libraryValue = (value: unknown): unknown => (value === null ? undefined : value);
