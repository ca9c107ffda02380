import { Environment, Interpreter } from "@huggingface/jinja";
import { pythonStr } from "./python-str.ts";
import { pythonStrip } from "./python-strings.ts";

/**
 * `@huggingface/jinja`'s interpreter, adjusted where it renders differently from Python Jinja2 on what chat
 * templates do: `{{ value }}` prints Python's `str(value)`; string filters accept None, numbers and booleans as
 * Jinja2's `soft_str` does; `select`/`reject` with a test exist; `strip`/`lstrip`/`rstrip`/`trim` take Python's
 * whitespace and a set of characters; `+` joins only like types (Python raises on `'a' + 1`, `'a' + none`, `'a' + {}`);
 * `tojson` of an undefined value raises. The adjustments are made on one interpreter
 * instance, never on the shared classes: other users of `@huggingface/jinja` in the process are not affected.
 */

interface Value {
  type: string;
  value: unknown;
  toString(): string;
  __bool__(): { value: boolean };
}
interface Node {
  type: string;
  value?: unknown;
  callee?: Node;
  args?: Node[];
  object?: Node;
  property?: Node;
  computed?: boolean;
  operator?: { value: string };
  left?: Node;
  right?: Node;
}
/** The private members of `Interpreter` this module replaces or calls. */
interface InterpreterInternals {
  evaluate(node: Node, environment: Environment): Value;
  evaluateBlock(statements: Node[], environment: Environment): Value;
  applyFilter(operand: Value, filter: Node, environment: Environment): Value;
  evaluateCallExpression(node: Node, environment: Environment): Value;
  evaluateBinaryExpression(node: Node, environment: Environment): Value;
}

/** Statements whose value is already text (or nothing); anything else in a block body is a `{{ }}` expression. */
const STATEMENT_TYPES = new Set([
  "Program", "If", "For", "Set", "Macro", "Comment", "CallStatement", "FilterStatement", "Break", "Continue",
]);
const STRING_FILTERS = new Set(["trim", "upper", "lower", "title", "capitalize", "replace", "string", "length", "indent"]);
const NON_STRING_SCALARS = new Set(["NullValue", "UndefinedValue", "IntegerValue", "FloatValue", "BooleanValue"]);
const STRIP_METHODS: Record<string, "both" | "left" | "right"> = { strip: "both", lstrip: "left", rstrip: "right" };
const NUMBERS = new Set(["IntegerValue", "FloatValue", "BooleanValue"]);
const ARRAYS = new Set(["ArrayValue", "TupleValue"]);

/** Python's type names, for the errors Python would raise. */
function pythonTypeName(value: Value): string {
  const names: Record<string, string> = {
    StringValue: "str", IntegerValue: "int", FloatValue: "float", BooleanValue: "bool", NullValue: "NoneType",
    UndefinedValue: "Undefined", ArrayValue: "list", TupleValue: "tuple", ObjectValue: "dict",
  };
  return names[value.type] ?? value.type;
}

export function createPythonCompatibleInterpreter(environment: Environment): Interpreter {
  const interpreter = new Interpreter(environment);
  const internals = interpreter as unknown as InterpreterInternals;
  const baseApplyFilter = internals.applyFilter.bind(interpreter);
  const baseCall = internals.evaluateCallExpression.bind(interpreter);
  const baseBinary = internals.evaluateBinaryExpression.bind(interpreter);
  const literal = (type: string, value: unknown, env: Environment) => internals.evaluate({ type, value }, env);
  const withValue = (type: string, value: unknown, env: Environment) => {
    const made = literal(type, type === "ArrayLiteral" ? [] : value, env);
    made.value = value;
    return made;
  };

  internals.evaluateCallExpression = (node, env) => {
    const callee = node.callee;
    const side = callee?.type === "MemberExpression" && !callee.computed ? STRIP_METHODS[callee.property?.value as string] : undefined;
    if (side && callee?.object) {
      const target = internals.evaluate(callee.object, env);
      if (target.type === "StringValue") {
        const [chars] = (node.args ?? []).map((arg) => internals.evaluate(arg, env));
        const set = chars && chars.type === "StringValue" ? (chars.value as string) : undefined;
        return literal("StringLiteral", pythonStrip(target.value as string, side, set), env);
      }
    }
    return baseCall(node, env);
  };

  internals.evaluateBinaryExpression = (node, env) => {
    if (node.operator?.value !== "+") return baseBinary(node, env);
    const left = internals.evaluate(node.left!, env);
    const right = internals.evaluate(node.right!, env);
    if (left.type === "StringValue" && right.type === "StringValue") return literal("StringLiteral", `${left.value}${right.value}`, env);
    if (NUMBERS.has(left.type) && NUMBERS.has(right.type)) {
      const sum = Number(left.value) + Number(right.value);
      const float = left.type === "FloatValue" || right.type === "FloatValue";
      return withValue(float ? "FloatLiteral" : "IntegerLiteral", sum, env);
    }
    if (ARRAYS.has(left.type) && left.type === right.type) {
      return withValue("ArrayLiteral", [...(left.value as Value[]), ...(right.value as Value[])], env);
    }
    throw new Error(`unsupported operand type(s) for +: '${pythonTypeName(left)}' and '${pythonTypeName(right)}'`);
  };

  internals.evaluateBlock = (statements, env) => {
    let result = "";
    for (const statement of statements) {
      const value = internals.evaluate(statement, env);
      if (!STATEMENT_TYPES.has(statement.type)) result += pythonStr(value);
      else if (value.type !== "NullValue" && value.type !== "UndefinedValue") result += value.toString();
    }
    return literal("StringLiteral", result, env);
  };

  internals.applyFilter = (operand, filter, env) => {
    const name = (filter.type === "Identifier" ? filter.value : filter.callee?.value) as string;
    if ((name === "select" || name === "reject") && Array.isArray(operand.value)) {
      const [testName, ...testArgs] = (filter.args ?? []).map((arg) => internals.evaluate(arg, env));
      const test = testName ? env.tests.get(String(testName.value)) : (item: Value) => item.__bool__().value;
      if (!test) throw new Error(`Unknown test: ${String(testName?.value)}`);
      const kept = (operand.value as Value[]).filter((item) => (test as (...v: Value[]) => boolean)(item, ...testArgs) === (name === "select"));
      const array = literal("ArrayLiteral", [], env) as Value & { value: Value[] };
      array.value = kept;
      return array;
    }
    if (name === "tojson" && operand.type === "UndefinedValue") throw new Error("Object of type Undefined is not JSON serializable");
    if (name === "trim" && operand.type === "StringValue" && filter.type === "Identifier") {
      return literal("StringLiteral", pythonStrip(operand.value as string, "both"), env);
    }
    if (STRING_FILTERS.has(name) && NON_STRING_SCALARS.has(operand.type) && !(name === "length" && operand.type !== "UndefinedValue")) {
      return baseApplyFilter(literal("StringLiteral", pythonStr(operand), env), filter, env);
    }
    return baseApplyFilter(operand, filter, env);
  };
  return interpreter;
}
