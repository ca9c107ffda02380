import { toJson } from "./json.ts";
import { Callable, hasKey, isDict, isTuple, Namespace, notCompiled, typeName } from "./values.ts";

const isNumberLike = (value: unknown) => typeof value === "number" || typeof value === "boolean";
const isPrimitive = (value: unknown) => typeof value === "string" || typeof value === "number" || typeof value === "boolean";

/** Python's `==` as the adjusted interpreter's `pythonEquals` does it. */
export function pythonEquals(a: unknown, b: unknown): boolean {
  if (isNumberLike(a) && isNumberLike(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) {
    return isTuple(a) === isTuple(b) && a.length === b.length && a.every((item, i) => pythonEquals(item, b[i]));
  }
  if (isDict(a) && isDict(b)) {
    const keys = Object.keys(a);
    if (keys.length !== Object.keys(b).length) return false;
    return keys.every((key) => hasKey(b, key) && pythonEquals(a[key], b[key]));
  }
  if (typeName(a) !== typeName(b)) return false;
  if (typeName(a) === "FunctionValue") notCompiled("comparing functions");
  return a === null || a === undefined || a === b;
}

/** `+`: like types only (strings, numbers and booleans, lists with lists, tuples with tuples). */
export function add(left: unknown, right: unknown): unknown {
  if (typeof left === "string" && typeof right === "string") return left + right;
  if (isNumberLike(left) && isNumberLike(right)) return integerResult(Number(left), Number(right), Number(left) + Number(right));
  if (Array.isArray(left) && Array.isArray(right) && isTuple(left) === isTuple(right)) {
    if (isTuple(left)) notCompiled("tuple + tuple");
    return [...left, ...right];
  }
  throw new Error(`unsupported operand type(s) for +: '${typeName(left)}' and '${typeName(right)}'`);
}

/** Integers stay integers; arithmetic on a float could make an integral float, which plain numbers cannot tell apart. */
function integerResult(a: number, b: number, result: number): number {
  if (!Number.isInteger(a) || !Number.isInteger(b) || !Number.isInteger(result)) notCompiled("float arithmetic");
  return result;
}

/** `x in y` / `x not in y` (the adjusted interpreter's membership, then the library's). */
export function contains(left: unknown, right: unknown): boolean {
  if (left === undefined && right !== undefined) {
    if (typeof right === "string") throw new Error("'in <string>' requires string as left operand, not Undefined");
    return Array.isArray(right) ? right.some((member) => member === undefined) : false;
  }
  if (right === undefined) return false;
  if (left === null || right === null) throw new Error("Cannot perform operation on null values");
  if (Array.isArray(right)) {
    if (Array.isArray(left)) throw new Error(`Unknown operator "in" between ArrayValue and ArrayValue`);
    // The library compares `.value`s with `===`: only primitives can be found.
    if (!isPrimitive(left)) notCompiled("`in` with a container on the left");
    return right.some((member) => member === left);
  }
  if (typeof left === "string" && typeof right === "string") return right.includes(left);
  if (typeof left === "string" && isDict(right)) return hasKey(right, left);
  throw new Error(`Unknown operator "in" between ${typeName(left)} and ${typeName(right)}`);
}

/** The library's binary operators other than `and`/`or`/`==`/`!=`/`+`/`in`, on what it accepts. */
export function arithmetic(operator: string, left: unknown, right: unknown): unknown {
  if (left === undefined || right === undefined) throw new Error(`Cannot perform operation ${operator} on undefined values`);
  if (left === null || right === null) throw new Error("Cannot perform operation on null values");
  if (operator === "~") return concat(left) + concat(right);
  if (typeof left === "number" && typeof right === "number") {
    switch (operator) {
      case "-":
        return integerResult(left, right, left - right);
      case "*":
        return integerResult(left, right, left * right);
      case "//":
        return integerResult(left, right, Math.floor(left / right));
      case "%":
        return integerResult(left, right, left % right);
      case "<":
        return left < right;
      case ">":
        return left > right;
      case ">=":
        return left >= right;
      case "<=":
        return left <= right;
    }
  }
  throw new Error(`Unknown operator "${operator}" between ${typeName(left)} and ${typeName(right)}`);
}

/** `left.value.toString()` of the library's `~`: a list joins its items' `toString()` with commas, a dict is a `Map`. */
function concat(value: unknown): string {
  if (Array.isArray(value)) return value.map(runtimeString).join(",");
  if (isDict(value) || value instanceof Namespace) return "[object Map]";
  return runtimeString(value);
}

/**
 * The library's `RuntimeValue.toString()`: lists, dicts and namespaces as JSON with `undefined` items; None is
 * `undefined` too (its NullValue holds no value).
 */
function runtimeString(value: unknown): string {
  if (typeof value === "function" || value instanceof Callable) return notCompiled("~ on a function");
  if (value === null) return "undefined";
  if (typeof value !== "object") return String(value);
  return toJson(value, {}, 0, false);
}
