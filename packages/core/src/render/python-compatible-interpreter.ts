import { Environment, Interpreter } from "@huggingface/jinja";
import type { Node } from "./compile/ast.ts";
import { installJinja2Semantics } from "./jinja2/interpreter-hooks.ts";
import { installSandbox } from "./interpreter-sandbox.ts";
import { pythonEquals, pythonTypeName, type Value } from "./python-semantics.ts";
import { pythonStr } from "./python-str.ts";
import { pythonStrip } from "./python-strings.ts";
import { currentBudget } from "./render-limits.ts";

/**
 * `@huggingface/jinja`'s interpreter, adjusted where it renders differently from Python Jinja2 on what chat
 * templates do (each adjustment found by rendering the vendors' templates both ways):
 * - `{{ value }}` prints Python's `str(value)` (`True`, `None`, `{'a': 1}`), and `| string` does too;
 * - `==`/`!=` compare as Python does (`'' != false`), `+` joins only like types (`'a' + 1` raises), `x in y` with
 *   an undefined `x` is a membership test;
 * - `d.items()`/`.keys()`/`.values()`/`.get()` are the dict's methods even when the dict has such a key;
 * - a `for` loop and the iterating filters walk a string's characters; a `for` over an undefined value runs no times;
 * - string filters accept None, numbers and booleans (`soft_str`); `strip`/`lstrip`/`rstrip`/`trim` use Python's
 *   whitespace and take a set of characters; `select`/`reject`/`selectattr`/`rejectattr` follow Jinja2;
 * - `tojson` of an undefined value raises; attribute access on an undefined value raises; `is iterable` holds for
 *   dicts, tuples and undefined values (Jinja2's `Undefined` iterates as empty); `d.items` uncalled is the method.
 * - on plain data (strings, numbers, booleans, None, undefined, lists and dicts of those), every filter, test and
 *   str/list/dict method is Jinja2's, from `jinja2/` (shared with the compiled renderer); the adjustments above
 *   remain for the values that are not plain (namespaces, macros, functions).
 * The adjustments are made on one interpreter instance, never on the shared classes: other users of
 * `@huggingface/jinja` in the process are not affected.
 */


/** The private members of `Interpreter` this module replaces or calls. */
interface InterpreterInternals {
  evaluate(node: Node, environment: Environment): Value;
  evaluateBlock(statements: Node[], environment: Environment): Value;
  applyFilter(operand: Value, filter: Node, environment: Environment): Value;
  evaluateCallExpression(node: Node, environment: Environment): Value;
  evaluateBinaryExpression(node: Node, environment: Environment): Value;
  evaluateMemberExpression(node: Node, environment: Environment): Value;
  evaluateFor(node: Node, environment: Environment): Value;
  evaluateTestExpression(node: Node, environment: Environment): Value;
}

/** A node standing for a value already computed, so a delegated call does not evaluate an operand twice. */
const PRECOMPUTED = "__training_templates_precomputed__";
const precomputed = (value: Value): Node => ({ type: PRECOMPUTED, value });

/** Statements whose value is already text (or nothing); anything else in a block body is a `{{ }}` expression. */
const STATEMENT_TYPES = new Set([
  "Program", "If", "For", "Set", "Macro", "Comment", "CallStatement", "FilterStatement", "Break", "Continue",
]);
const STRING_FILTERS = new Set(["trim", "upper", "lower", "title", "capitalize", "replace", "length", "indent"]);
const NON_STRING_SCALARS = new Set(["NullValue", "UndefinedValue", "IntegerValue", "FloatValue", "BooleanValue"]);
const ITERATING_FILTERS = new Set(["select", "reject", "selectattr", "rejectattr", "map", "list", "first", "last", "unique", "join"]);
const STRIP_METHODS: Record<string, "both" | "left" | "right"> = { strip: "both", lstrip: "left", rstrip: "right" };
const DICT_METHODS = new Set(["items", "keys", "values", "get"]);
const NUMBERS = new Set(["IntegerValue", "FloatValue", "BooleanValue"]);
const ARRAYS = new Set(["ArrayValue", "TupleValue"]);
const ITERABLES = new Set(["ArrayValue", "TupleValue", "StringValue", "ObjectValue", "UndefinedValue"]);

/** How an undefined value's expression reads in an error, as Jinja2 names it (`'message' is undefined`). */
function describeNode(node: Node): string {
  if (node.type === "Identifier") return `'${String(node.value)}'`;
  if (node.type === "MemberExpression" && node.property?.type === "Identifier" && !node.computed) return `'${String(node.property.value)}'`;
  return "the value";
}

/** The library's `UndefinedValue` class (not exported), taken once from a value it makes. */
let UndefinedValueClass: (new () => Value) | undefined;
function undefinedValueClass(evaluate: (node: Node, env: Environment) => Value, env: Environment): new () => Value {
  UndefinedValueClass ??= evaluate({ type: "Identifier", value: "__training_templates_undefined__" }, env).constructor as new () => Value;
  return UndefinedValueClass;
}

export function createPythonCompatibleInterpreter(environment: Environment): Interpreter {
  const interpreter = new Interpreter(environment);
  const internals = interpreter as unknown as InterpreterInternals;
  const budget = currentBudget();
  const base = {
    evaluate: internals.evaluate.bind(interpreter),
    applyFilter: internals.applyFilter.bind(interpreter),
    call: internals.evaluateCallExpression.bind(interpreter),
    binary: internals.evaluateBinaryExpression.bind(interpreter),
    member: internals.evaluateMemberExpression.bind(interpreter),
    forLoop: internals.evaluateFor.bind(interpreter),
    test: internals.evaluateTestExpression.bind(interpreter),
  };
  const evaluate = (node: Node, env: Environment) => internals.evaluate(node, env);
  /** A runtime value of the library's own classes, made through its literal nodes. */
  const make = (type: "StringLiteral" | "IntegerLiteral" | "FloatLiteral" | "ArrayLiteral", value: unknown, env: Environment): Value => {
    const made = base.evaluate({ type, value: type === "ArrayLiteral" ? [] : value }, env);
    made.value = value;
    return made;
  };
  const string = (text: string, env: Environment) => make("StringLiteral", text, env);
  const boolean = (flag: boolean, env: Environment) => evaluate({ type: "Identifier", value: flag ? "true" : "false" }, env);
  const UndefinedValue = undefinedValueClass(base.evaluate, environment);
  const undefinedValue = (): Value => new UndefinedValue();
  const characters = (value: Value, env: Environment) => make("ArrayLiteral", Array.from(value.value as string, (ch) => string(ch, env)), env);

  /**
   * `Environment.lookupVariable` without its cost: the library finds the scope by throwing and catching an error
   * whenever a name is not defined, which templates do all the time (`x is defined`, optional keys). Same result:
   * the innermost scope that declares the name, else a new undefined value.
   */
  const lookup = (env: Environment, name: string): Value => {
    for (let scope: Environment | undefined = env; scope; scope = scope.parent) {
      if (scope.variables.has(name)) return (scope.variables.get(name) as Value | undefined) ?? new UndefinedValue();
    }
    return new UndefinedValue();
  };

  internals.evaluate = (node, env) => {
    const type = node?.type;
    if (type === PRECOMPUTED) return node.value as Value;
    if (type === "Identifier") return lookup(env, node.value as string);
    return base.evaluate(node, env);
  };

  internals.evaluateBlock = (statements, env) => {
    let result = "";
    for (const statement of statements) {
      const value = evaluate(statement, env);
      if (!STATEMENT_TYPES.has(statement.type)) {
        // Text is counted where it is made (a leaf), not again as it is joined into the blocks around it.
        const text = pythonStr(value);
        budget.produced(text.length);
        result += text;
      }
      else if (value.type !== "NullValue" && value.type !== "UndefinedValue") result += value.toString();
    }
    return string(result, env);
  };

  internals.evaluateBinaryExpression = (node, env) => {
    const operator = node.operator?.value;
    if (operator === "and" || operator === "or") return base.binary(node, env);
    const left = evaluate(node.left!, env);
    const right = evaluate(node.right!, env);
    switch (operator) {
      case "==":
        return boolean(pythonEquals(left, right), env);
      case "!=":
        return boolean(!pythonEquals(left, right), env);
      case "+":
        return add(left, right, env);
      case "in":
      case "not in":
        if (left.type === "UndefinedValue" && right.type !== "UndefinedValue") {
          if (right.type === "StringValue") throw new Error("'in <string>' requires string as left operand, not Undefined");
          const members = ARRAYS.has(right.type) ? (right.value as Value[]) : [];
          const found = members.some((member) => pythonEquals(left, member));
          return boolean(operator === "in" ? found : !found, env);
        }
    }
    return base.binary({ ...node, left: precomputed(left), right: precomputed(right) }, env);
  };

  const add = (left: Value, right: Value, env: Environment): Value => {
    if (left.type === "StringValue" && right.type === "StringValue") return string(`${left.value}${right.value}`, env);
    if (NUMBERS.has(left.type) && NUMBERS.has(right.type)) {
      const float = left.type === "FloatValue" || right.type === "FloatValue";
      return make(float ? "FloatLiteral" : "IntegerLiteral", Number(left.value) + Number(right.value), env);
    }
    if (ARRAYS.has(left.type) && left.type === right.type) {
      return make("ArrayLiteral", [...(left.value as Value[]), ...(right.value as Value[])], env);
    }
    throw new Error(`unsupported operand type(s) for +: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
  };

  internals.evaluateMemberExpression = (node, env) => {
    const object = evaluate(node.object!, env);
    if (object.type === "UndefinedValue") {
      throw new Error(`${describeNode(node.object!)} is undefined`);
    }
    const name = node.property?.value;
    if (!node.computed && typeof name === "string" && DICT_METHODS.has(name) && object.type === "ObjectValue") {
      return (object as Value & { builtins: Map<string, Value> }).builtins.get(name)!;
    }
    if (node.computed && node.property!.type !== "SliceExpression") {
      const key = evaluate(node.property!, env);
      // Jinja2 looks an undefined key up like any other: not found, so undefined.
      if (key.type === "UndefinedValue") return undefinedValue();
      return base.member({ ...node, object: precomputed(object), property: precomputed(key) }, env);
    }
    return base.member({ ...node, object: precomputed(object) }, env);
  };

  internals.evaluateFor = (node, env) => {
    const select = node.iterable!.type === "SelectExpression" ? node.iterable! : undefined;
    const iterable = evaluate(select ? select.lhs! : node.iterable!, env);
    const walked = precomputed(
      iterable.type === "StringValue" ? characters(iterable, env) : iterable.type === "UndefinedValue" ? make("ArrayLiteral", [], env) : iterable,
    );
    // The library unpacks only lists (`for k, v in …`); Python unpacks tuples too (`d.items()` yields them).
    const items = walked.value as Value;
    if (node.loopvar?.type === "TupleLiteral" && ARRAYS.has(items.type) && (items.value as Value[]).some((item) => item.type === "TupleValue")) {
      walked.value = make("ArrayLiteral", (items.value as Value[]).map((item) => (item.type === "TupleValue" ? make("ArrayLiteral", item.value, env) : item)), env);
    }
    return base.forLoop({ ...node, iterable: select ? { ...select, lhs: walked } : walked }, env);
  };

  internals.evaluateTestExpression = (node, env) => {
    if (node.test?.value !== "iterable") return base.test(node, env);
    const operand = evaluate(node.operand!, env);
    const iterable = ITERABLES.has(operand.type);
    return boolean(node.negate ? !iterable : iterable, env);
  };

  internals.evaluateCallExpression = (node, env) => {
    const callee = node.callee;
    const side = callee?.type === "MemberExpression" && !callee.computed ? STRIP_METHODS[callee.property?.value as string] : undefined;
    if (!side || !callee?.object) return base.call(node, env);
    const target = evaluate(callee.object, env);
    if (target.type !== "StringValue") return base.call({ ...node, callee: { ...callee, object: precomputed(target) } }, env);
    const [chars] = (node.args ?? []).map((arg) => evaluate(arg, env));
    const set = chars && chars.type === "StringValue" ? (chars.value as string) : undefined;
    return string(pythonStrip(target.value as string, side, set), env);
  };

  internals.applyFilter = (operand, filter, env) => {
    const name = (filter.type === "Identifier" ? filter.value : filter.callee?.value) as string;
    if (operand.type === "StringValue" && ITERATING_FILTERS.has(name) && name !== "join") operand = characters(operand, env);
    if (name === "string") return string(pythonStr(operand), env);
    if (name === "tojson" && operand.type === "UndefinedValue") throw new Error("Object of type Undefined is not JSON serializable");
    if (name === "trim" && operand.type === "StringValue" && filter.type === "Identifier") {
      return string(pythonStrip(operand.value as string, "both"), env);
    }
    if (name === "select" || name === "reject" || name === "selectattr" || name === "rejectattr") {
      // Jinja2 walks the sequence only `if seq`: None and undefined select nothing.
      if (operand.type === "NullValue" || operand.type === "UndefinedValue") return make("ArrayLiteral", [], env);
      if (ARRAYS.has(operand.type)) return selectItems(operand, name, filter, env);
    }
    if (STRING_FILTERS.has(name) && NON_STRING_SCALARS.has(operand.type) && !(name === "length" && operand.type !== "UndefinedValue")) {
      return base.applyFilter(string(pythonStr(operand), env), filter, env);
    }
    return base.applyFilter(operand, filter, env);
  };

  /** Jinja2's `select`/`reject` (a test on each item) and `selectattr`/`rejectattr` (on each item's attribute). */
  const selectItems = (operand: Value, name: string, filter: Node, env: Environment): Value => {
    const args = (filter.args ?? []).map((arg) => evaluate(arg, env));
    const byAttribute = name.endsWith("attr");
    const attribute = byAttribute ? String(args.shift()?.value ?? "") : undefined;
    const [testName, ...testArgs] = args;
    const test = testName
      ? (env.tests.get(String(testName.value)) as ((...values: Value[]) => boolean) | undefined)
      : (item: Value) => item.__bool__().value;
    if (!test) throw new Error(`No test named '${String(testName?.value)}'`);
    const keep = name.startsWith("select");
    const kept = (operand.value as Value[]).filter((item) => {
      const subject = attribute === undefined ? item : attributeOf(item, attribute, env);
      return test(subject, ...testArgs) === keep;
    });
    return make("ArrayLiteral", kept, env);
  };

  /** `item.attr.sub` as Jinja2 resolves it for `selectattr`: missing anywhere → undefined. */
  const attributeOf = (item: Value, path: string, env: Environment): Value => {
    let current: Value = item;
    for (const part of path.split(".")) {
      const next = current.type === "ObjectValue" ? (current.value as Map<string, Value>).get(part) : undefined;
      if (!next) return undefinedValue();
      current = next;
    }
    return current;
  };

  // Last, so the hooks above handle what is not plain data (namespaces, macros, functions).
  installJinja2Semantics(interpreter, environment, { describeNode, precomputed, baseEvaluate: base.evaluate });
  // Outermost: the sandbox refuses an attribute before any hook acts on it, and the budget counts every step.
  installSandbox(interpreter, budget, { precomputed, undefinedValue });
  return interpreter;
}
