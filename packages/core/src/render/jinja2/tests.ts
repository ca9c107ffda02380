import { Callable, isDict, Namespace } from "../compile/values.ts";
import { isFloat, isNumber, pyCompare, pyEquals, pyLen, pyModulo, pyStr, pyTypeName } from "./py-values.ts";

/** A Jinja2 test on an operand, with the arguments after its name (`x is divisibleby(3)`). */
export type Jinja2Test = (operand: unknown, args: readonly unknown[]) => boolean;

const isCased = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();

/** A namespace or function: its `str()` (`<Namespace {…}>`, `<Macro 'name'>`) is neither all lower nor all upper case. */
const isOpaque = (v: unknown) => v instanceof Namespace || v instanceof Callable || typeof v === "function";

/** Python's `str.islower()` / `str.isupper()`: some cased character, and every cased one in that case. */
function isAllCase(text: string, upper: boolean): boolean {
  const cased = Array.from(text).filter(isCased);
  return cased.length > 0 && cased.every((ch) => (upper ? ch === ch.toUpperCase() : ch === ch.toLowerCase()));
}

/** Python's `value in container`. */
export function pyContains(container: unknown, value: unknown): boolean {
  if (typeof container === "string") {
    if (typeof value !== "string") throw new TypeError(`'in <string>' requires string as left operand, not ${pyTypeName(value)}`);
    return container.includes(value);
  }
  if (Array.isArray(container)) return container.some((item) => pyEquals(item, value));
  if (isDict(container)) {
    if (Array.isArray(value) || isDict(value)) throw new TypeError(`unhashable type: '${pyTypeName(value)}'`);
    return typeof value === "string" && Object.prototype.hasOwnProperty.call(container, value);
  }
  if (container === undefined) return false;
  throw new TypeError(`argument of type '${pyTypeName(container)}' is not iterable`);
}

const compare = (op: "<" | ">" | "<=" | ">="): Jinja2Test => (value, args) => pyCompare(value, op, args[0]);
const equal: Jinja2Test = (value, args) => pyEquals(value, args[0]);

/** Jinja2's built-in tests (3.1) on plain values, with Python's errors. */
export const JINJA2_TESTS: ReadonlyMap<string, Jinja2Test> = new Map<string, Jinja2Test>([
  ["defined", (v) => v !== undefined],
  ["undefined", (v) => v === undefined],
  ["none", (v) => v === null],
  ["string", (v) => typeof v === "string"],
  ["number", (v) => isNumber(v) || typeof v === "boolean"],
  ["integer", (v) => isNumber(v) && !isFloat(v)],
  ["float", (v) => isFloat(v)],
  ["boolean", (v) => typeof v === "boolean"],
  ["true", (v) => v === true],
  ["false", (v) => v === false],
  ["mapping", (v) => isDict(v)],
  // Jinja2's `Undefined` iterates (as empty), has a length and `__getitem__`, and `__call__`.
  ["iterable", (v) => typeof v === "string" || Array.isArray(v) || isDict(v) || v === undefined],
  ["sequence", (v) => {
    try {
      pyLen(v);
      return true;
    } catch {
      return false;
    }
  }],
  ["callable", (v) => v === undefined || v instanceof Callable || typeof v === "function"],
  ["lower", (v) => !isOpaque(v) && isAllCase(pyStr(v), false)],
  ["upper", (v) => !isOpaque(v) && isAllCase(pyStr(v), true)],
  ["odd", (v) => pyModulo(v, 2) === 1],
  ["even", (v) => pyModulo(v, 2) === 0],
  ["divisibleby", (v, args) => pyModulo(v, args[0]) === 0],
  ["eq", equal],
  ["equalto", equal],
  ["==", equal],
  ["ne", (v, args) => !pyEquals(v, args[0])],
  ["!=", (v, args) => !pyEquals(v, args[0])],
  ["gt", compare(">")],
  ["greaterthan", compare(">")],
  [">", compare(">")],
  ["ge", compare(">=")],
  [">=", compare(">=")],
  ["lt", compare("<")],
  ["lessthan", compare("<")],
  ["<", compare("<")],
  ["le", compare("<=")],
  ["<=", compare("<=")],
  ["in", (v, args) => pyContains(args[0], v)],
  // `is` on values: None, booleans and containers by identity; small integers are one object in CPython.
  ["sameas", (v, args) => v === args[0] && (v === null || typeof v === "boolean" || typeof v === "object" || (typeof v === "number" && Number.isInteger(v) && v >= -5 && v <= 256))],
  ["escaped", () => false],
]);
