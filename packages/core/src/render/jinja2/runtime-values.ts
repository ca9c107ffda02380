import { Environment } from "@huggingface/jinja";
import type { Node } from "../compile/ast.ts";
import { isDict, isTuple, tuple } from "../compile/values.ts";
import type { Value } from "../python-semantics.ts";
import { IntegralFloat } from "./py-values.ts";

/**
 * Between `@huggingface/jinja`'s runtime values and the plain values the Jinja2 filters, tests and methods work on,
 * so the interpreter and the compiled renderer share one implementation of them.
 */

/** A value with no plain counterpart (a namespace, a function, a macro): the interpreter keeps its own handling. */
export const NOT_PLAIN: unique symbol = Symbol("not plain");

/** A key a plain object would reorder (integer-like) or treat specially. */
const UNSAFE_KEY = /^(0|[1-9]\d*)$|^__proto__$/;

export function toPlain(value: Value): unknown {
  switch (value.type) {
    case "StringValue":
    case "IntegerValue":
    case "BooleanValue":
      return value.value;
    case "FloatValue":
      return Number.isInteger(value.value) ? new IntegralFloat(value.value as number) : value.value;
    case "NullValue":
      return null;
    case "UndefinedValue":
      return undefined;
    case "ArrayValue":
    case "TupleValue": {
      const items: unknown[] = [];
      for (const item of value.value as Value[]) {
        const plain = toPlain(item);
        if (plain === NOT_PLAIN) return NOT_PLAIN;
        items.push(plain);
      }
      return value.type === "TupleValue" ? tuple(items) : items;
    }
    case "ObjectValue": {
      const dict: Record<string, unknown> = {};
      for (const [key, item] of value.value as Map<string, Value>) {
        if (UNSAFE_KEY.test(key)) return NOT_PLAIN;
        const plain = toPlain(item);
        if (plain === NOT_PLAIN) return NOT_PLAIN;
        dict[key] = plain;
      }
      return dict;
    }
    default:
      return NOT_PLAIN;
  }
}

type ValueClass = new (value?: unknown) => Value;

/** The library's value classes (it does not export them), taken from values it makes. */
export interface RuntimeValueClasses {
  string: ValueClass;
  integer: ValueClass;
  float: ValueClass;
  boolean: ValueClass;
  none: ValueClass;
  undefined: ValueClass;
  array: ValueClass;
  tuple: ValueClass;
  object: ValueClass;
}

let classes: RuntimeValueClasses | undefined;

/** `evaluateLiteral` evaluates a literal node with the library's own interpreter (for the tuple class). */
export function runtimeValueClasses(evaluateLiteral: (node: Node) => Value): RuntimeValueClasses {
  if (classes) return classes;
  const env = new Environment();
  env.set("sample", { s: "", i: 1, f: 1.5, b: true, n: null, u: undefined, a: [], o: {} });
  const sample = (env.lookupVariable("sample").value as Map<string, Value>);
  const of = (key: string) => sample.get(key)!.constructor as ValueClass;
  classes = {
    string: of("s"), integer: of("i"), float: of("f"), boolean: of("b"), none: of("n"), undefined: of("u"), array: of("a"),
    object: of("o"), tuple: evaluateLiteral({ type: "TupleLiteral", value: [] }).constructor as ValueClass,
  };
  return classes;
}

export function fromPlain(value: unknown, made: RuntimeValueClasses): Value {
  if (typeof value === "string") return new made.string(value);
  if (typeof value === "number") return Number.isInteger(value) ? new made.integer(value) : new made.float(value);
  if (value instanceof IntegralFloat) return new made.float(value.value);
  if (typeof value === "boolean") return new made.boolean(value);
  if (value === null) return new made.none(null);
  if (value === undefined) return new made.undefined();
  if (Array.isArray(value)) {
    const items = value.map((item) => fromPlain(item, made));
    return isTuple(value) ? new made.tuple(items) : new made.array(items);
  }
  if (isDict(value)) return new made.object(new Map(Object.keys(value).map((key) => [key, fromPlain(value[key], made)])));
  throw new Error(`no runtime value for ${String(value)}`);
}
