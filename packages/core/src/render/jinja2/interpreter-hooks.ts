import type { Environment } from "@huggingface/jinja";
import type { Node } from "../compile/ast.ts";
import type { Value } from "../python-semantics.ts";
import { boundedResult } from "../render-limits.ts";
import { JINJA2_FILTERS } from "./filters.ts";
import { objectTypeRepr, pyMethod } from "./methods.ts";
import { hasPythonAttribute } from "./python-attributes.ts";
import { PyUndefinedError } from "./py-values.ts";
import { fromPlain, NOT_PLAIN, runtimeValueClasses, toPlain } from "./runtime-values.ts";
import { JINJA2_TESTS } from "./tests.ts";

/** The private members of `Interpreter` these hooks replace or call. */
interface Internals {
  evaluate(node: Node, environment: Environment): Value;
  evaluateArguments(args: Node[], environment: Environment): [Value[], Map<string, Value>];
  applyFilter(operand: Value, filter: Node, environment: Environment): Value;
  evaluateFilterExpression(node: Node, environment: Environment): Value;
  evaluateTestExpression(node: Node, environment: Environment): Value;
  evaluateCallExpression(node: Node, environment: Environment): Value;
}

export interface Jinja2HookHelpers {
  /** How an undefined operand reads in Jinja2's error (`'message'`). */
  describeNode(node: Node): string;
  /** A node standing for a value already computed. */
  precomputed(value: Value): Node;
  /** The library's own evaluation of a node (for its value classes). */
  baseEvaluate(node: Node, environment: Environment): Value;
}

/**
 * Jinja2's filters, tests and str/list/dict methods on the interpreter, for every operand and argument that is plain
 * data (strings, numbers, booleans, None, undefined, lists and dicts of those), from the implementation the compiled
 * renderer shares; anything else (a namespace, a macro, a function) keeps the adjusted interpreter's handling, which
 * the previous hooks (installed before these) provide.
 */
export function installJinja2Semantics(interpreter: object, environment: Environment, helpers: Jinja2HookHelpers): void {
  const internals = interpreter as Internals;
  const previous = {
    applyFilter: internals.applyFilter.bind(interpreter),
    test: internals.evaluateTestExpression.bind(interpreter),
    call: internals.evaluateCallExpression.bind(interpreter),
  };
  const made = runtimeValueClasses((node) => helpers.baseEvaluate(node, environment));
  const evaluate = (node: Node, env: Environment) => internals.evaluate(node, env);

  /** Positional and keyword arguments as plain values, or `undefined` if one is not plain. */
  const plainArguments = (args: Node[] | undefined, env: Environment): [unknown[], Map<string, unknown> | null] | undefined => {
    if (!args || args.length === 0) return [[], null];
    const [positional, keywords] = internals.evaluateArguments(args, env);
    const plain = positional.map(toPlain);
    if (plain.includes(NOT_PLAIN)) return undefined;
    let kwargs: Map<string, unknown> | null = null;
    for (const [key, value] of keywords) {
      const converted = toPlain(value);
      if (converted === NOT_PLAIN) return undefined;
      (kwargs ??= new Map()).set(key, converted);
    }
    return [plain, kwargs];
  };

  /** Runs `run`, naming the operand when it raises Jinja2's UndefinedError. */
  const naming = <T>(operand: Node | undefined, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof PyUndefinedError && operand) throw new Error(`${helpers.describeNode(operand)} is undefined`);
      throw error;
    }
  };

  internals.applyFilter = (operand, filter, env) => {
    const name = (filter.type === "Identifier" ? filter.value : filter.callee?.value) as string;
    const jinja2 = JINJA2_FILTERS.get(name);
    if (!jinja2) throw new Error(`No filter named '${name}'.`);
    const plain = toPlain(operand);
    const args = plain === NOT_PLAIN ? undefined : plainArguments(filter.type === "Identifier" ? undefined : filter.args, env);
    if (!args) return previous.applyFilter(operand, filter, env);
    return fromPlain(boundedResult(jinja2(plain, ...args)), made);
  };

  internals.evaluateFilterExpression = (node, env) => {
    const operand = evaluate(node.operand!, env);
    return naming(node.operand, () => internals.applyFilter(operand, node.filter!, env));
  };

  internals.evaluateTestExpression = (node, env) => {
    const name = node.test?.value as string;
    const test = JINJA2_TESTS.get(name);
    if (!test) throw new Error(`No test named '${name}'.`);
    const operand = evaluate(node.operand!, env);
    const plain = toPlain(operand);
    if (plain === NOT_PLAIN) return previous.test({ ...node, operand: helpers.precomputed(operand) }, env);
    const result = naming(node.operand, () => test(plain, []));
    return fromPlain(node.negate ? !result : result, made);
  };

  internals.evaluateCallExpression = (node, env) => {
    const callee = node.callee;
    const name = callee?.property?.value;
    if (callee?.type !== "MemberExpression" || callee.computed || typeof name !== "string") return previous.call(node, env);
    const object = evaluate(callee.object!, env);
    const delegate = () => previous.call({ ...node, callee: { ...callee, object: helpers.precomputed(object) } }, env);
    if (object.type === "UndefinedValue") throw new Error(`${helpers.describeNode(callee.object!)} is undefined`);
    const plain = toPlain(object);
    if (plain === NOT_PLAIN) return delegate();
    const method = pyMethod(plain, name);
    if (!method) {
      // A Python attribute this layer does not implement (or a dict key): the library's own handling.
      if (hasPythonAttribute(plain, name)) return delegate();
      throw new Error(`'${objectTypeRepr(plain)}' has no attribute '${name}'`);
    }
    const args = plainArguments(node.args, env);
    if (!args) return delegate();
    return fromPlain(boundedResult(method(plain as never, ...args)), made);
  };
}
