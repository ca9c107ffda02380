import { JINJA2_TESTS } from "../jinja2/tests.ts";
import { requireShareable } from "./jinja2-values.ts";

/** A test on an operand, with its arguments. */
export type Test = (operand: unknown, args: readonly unknown[]) => boolean;

/** Tests of a value's type (and `str()`, which for a namespace or a function has no case), for any value. */
const TYPE_TESTS = new Set([
  "defined", "undefined", "none", "string", "number", "integer", "float", "boolean", "true", "false", "mapping", "iterable",
  "sequence", "callable", "escaped", "lower", "upper",
]);

/**
 * `x is name` in a template: Jinja2's tests, shared with the interpreter (`../jinja2/tests.ts`); those that read the
 * value (`lower`, `eq`, …) on plain data only.
 */
export const EXPRESSION_TESTS: ReadonlyMap<string, Test> = new Map<string, Test>(
  [...JINJA2_TESTS].map(([name, test]) => [name, TYPE_TESTS.has(name) ? test : (operand, args) => {
    requireShareable([operand, ...args], null, `is ${name}`);
    return test(operand, args);
  }]),
);
