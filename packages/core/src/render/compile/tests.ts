import { isCallable, isDict, isInteger, isTuple, libraryValue, notCompiled } from "./values.ts";

/** A test on an operand, with the extra arguments `select`/`reject` pass on. */
export type Test = (operand: unknown, args: readonly unknown[]) => boolean;

const plain = (v: unknown) => v === null || v === undefined || (typeof v !== "object" && typeof v !== "function");

/** The library's `equalto` compares `.value`s: only primitives compare plainly, and None equals Undefined there. */
const sameValue: Test = (a, args) => {
  if (args.length === 0) throw new Error("equalto needs a value to compare with");
  if (!plain(a) || !plain(args[0])) notCompiled("equalto on containers");
  return libraryValue(a) === libraryValue(args[0]);
};

/** The library's tests (`Environment.TESTS`) on plain values; `select`/`reject` use these. */
export const LIBRARY_TESTS: ReadonlyMap<string, Test> = new Map<string, Test>([
  ["boolean", (v) => typeof v === "boolean"],
  ["callable", (v) => isCallable(v)],
  ["odd", (v) => {
    if (!isInteger(v)) throw new Error("cannot odd");
    return v % 2 !== 0;
  }],
  ["even", (v) => {
    if (!isInteger(v)) throw new Error("cannot even");
    return v % 2 === 0;
  }],
  ["false", (v) => v === false],
  ["true", (v) => v === true],
  ["none", (v) => v === null],
  ["string", (v) => typeof v === "string"],
  ["number", (v) => typeof v === "number"],
  ["integer", (v) => isInteger(v)],
  ["iterable", (v) => (Array.isArray(v) && !isTuple(v)) || typeof v === "string"],
  ["mapping", (v) => isDict(v)],
  ["sequence", (v) => Array.isArray(v) || isDict(v) || typeof v === "string"],
  ["lower", (v) => typeof v === "string" && v === v.toLowerCase()],
  ["upper", (v) => typeof v === "string" && v === v.toUpperCase()],
  ["defined", (v) => v !== undefined],
  ["undefined", (v) => v === undefined],
  ["equalto", sameValue],
  ["eq", sameValue],
]);

/** `x is name` in a template: the library's tests, with `iterable` as adjusted (dicts and undefined iterate too). */
export const EXPRESSION_TESTS: ReadonlyMap<string, Test> = new Map<string, Test>([
  ...[...LIBRARY_TESTS].filter(([name]) => name !== "equalto" && name !== "eq"),
  ["iterable", (v) => Array.isArray(v) || typeof v === "string" || isDict(v) || v === undefined],
]);
