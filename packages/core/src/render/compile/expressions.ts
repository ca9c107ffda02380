import { pythonStrip } from "../python-strings.ts";
import { type Node, unsupported } from "./ast.ts";
import { applyFilter, FILTER_NAMES, type FilterCall } from "./filters.ts";
import { callMember, callValue, member, sliceValue } from "./members.ts";
import { add, arithmetic, contains, pythonEquals } from "./operators.ts";
import { EXPRESSION_TESTS } from "./tests.ts";
import { checkDictKey, lookup, type Scope, truthy, tuple, typeName } from "./values.ts";

/** A compiled expression: its value in a scope. */
export type Expr = (scope: Scope) => unknown;

interface Arguments {
  positional: Expr[];
  keywords: Array<[string, Expr]> | null;
}

const STRIP_METHODS: Record<string, "both" | "left" | "right"> = { strip: "both", lstrip: "left", rstrip: "right" };
const ARITHMETIC = new Set(["-", "*", "//", "%", "<", ">", "<=", ">=", "~"]);

export function compileExpression(node: Node): Expr {
  switch (node.type) {
    case "StringLiteral":
    case "IntegerLiteral": {
      const value = node.value;
      return () => value;
    }
    case "Identifier": {
      const name = node.value as string;
      return (scope) => lookup(scope, name);
    }
    case "ArrayLiteral": {
      const items = (node.value as Node[]).map(compileExpression);
      return (scope) => items.map((item) => item(scope));
    }
    case "TupleLiteral": {
      const items = (node.value as Node[]).map(compileExpression);
      return (scope) => tuple(items.map((item) => item(scope)));
    }
    case "ObjectLiteral":
      return compileObject(node);
    case "MemberExpression":
      return compileMember(node);
    case "CallExpression":
      return compileCall(node);
    case "BinaryExpression":
      return compileBinary(node);
    case "UnaryExpression":
      return compileUnary(node);
    case "Ternary": {
      const condition = compileExpression(node.condition!);
      const whenTrue = compileExpression(node.trueExpr!);
      const whenFalse = compileExpression(node.falseExpr!);
      return (scope) => (truthy(condition(scope)) ? whenTrue(scope) : whenFalse(scope));
    }
    case "SelectExpression": {
      const test = compileExpression(node.test!);
      const lhs = compileExpression(node.lhs!);
      return (scope) => (truthy(test(scope)) ? lhs(scope) : undefined);
    }
    case "TestExpression":
      return compileTest(node);
    case "FilterExpression":
      return compileFilter(node);
    default:
      return unsupported(`expression ${node.type}`);
  }
}

function compileObject(node: Node): Expr {
  const entries = [...(node.value as Map<Node, Node>)].map(([key, value]) => [compileExpression(key), compileExpression(value)] as const);
  return (scope) => {
    const dict: Record<string, unknown> = {};
    for (const [key, value] of entries) {
      const name = key(scope);
      if (typeof name !== "string") throw new Error(`Object keys must be strings: got ${typeName(name)}`);
      dict[checkDictKey(name)] = value(scope);
    }
    return dict;
  };
}

/** `@huggingface/jinja`'s error for attribute access on an undefined value (the adjusted interpreter raises it). */
const undefinedObject = (): never => {
  throw new Error("attribute access on an undefined value");
};

function compileMember(node: Node): Expr {
  const object = compileExpression(node.object!);
  const property = node.property!;
  if (node.computed && property.type === "SliceExpression") {
    const [start, stop, step] = [property.start, property.stop, property.step].map((part) => (part ? compileExpression(part) : () => undefined));
    return (scope) => {
      const value = object(scope);
      if (value === undefined) undefinedObject();
      return sliceValue(value, start!(scope), stop!(scope), step!(scope));
    };
  }
  if (node.computed) {
    const key = compileExpression(property);
    return (scope) => {
      const value = object(scope);
      if (value === undefined) undefinedObject();
      const name = key(scope);
      return name === undefined ? undefined : member(value, name, false);
    };
  }
  if (property.type !== "Identifier" && property.type !== "IntegerLiteral") return unsupported(`member ${property.type}`);
  const name = property.value;
  return (scope) => {
    const value = object(scope);
    if (value === undefined) undefinedObject();
    return member(value, name, true);
  };
}

function compileArguments(nodes: readonly Node[]): Arguments {
  const positional: Expr[] = [];
  const keywords: Array<[string, Expr]> = [];
  for (const node of nodes) {
    if (node.type === "KeywordArgumentExpression") {
      const name = node.key!.value as string;
      if (keywords.some(([other]) => other === name)) unsupported(`keyword argument '${name}' given twice`);
      keywords.push([name, compileExpression(node.value as Node)]);
    } else if (node.type === "SpreadExpression" || node.type === "KeywordSpreadExpression") {
      unsupported(node.type);
    } else positional.push(compileExpression(node));
  }
  return { positional, keywords: keywords.length > 0 ? keywords : null };
}

const evaluatePositional = (args: Arguments, scope: Scope) => args.positional.map((arg) => arg(scope));

function evaluateKeywords(args: Arguments, scope: Scope): Map<string, unknown> | null {
  if (!args.keywords) return null;
  const kwargs = new Map<string, unknown>();
  for (const [name, value] of args.keywords) kwargs.set(name, value(scope));
  return kwargs;
}

function compileCall(node: Node): Expr {
  const args = compileArguments(node.args ?? []);
  const callee = node.callee!;
  if (callee.type === "MemberExpression" && !callee.computed && callee.property?.type === "Identifier") {
    const object = compileExpression(callee.object!);
    const name = callee.property.value as string;
    const side = STRIP_METHODS[name];
    return (scope) => {
      let target: unknown;
      if (side) {
        // The adjusted interpreter's Python `strip`/`lstrip`/`rstrip` on strings (all arguments evaluated, keywords raise).
        target = object(scope);
        if (typeof target === "string") {
          if (args.keywords) throw new Error("keyword arguments to a strip method");
          const [chars] = evaluatePositional(args, scope);
          return pythonStrip(target, side, typeof chars === "string" ? chars : undefined);
        }
      }
      const positional = evaluatePositional(args, scope);
      const kwargs = evaluateKeywords(args, scope);
      if (!side) target = object(scope);
      if (target === undefined) undefinedObject();
      return callMember(target, name, positional, kwargs, scope);
    };
  }
  const fn = compileExpression(callee);
  return (scope) => {
    const positional = evaluatePositional(args, scope);
    const kwargs = evaluateKeywords(args, scope);
    return callValue(fn(scope), positional, kwargs, scope);
  };
}

function compileBinary(node: Node): Expr {
  const operator = node.operator!.value;
  const left = compileExpression(node.left!);
  const right = compileExpression(node.right!);
  switch (operator) {
    case "and":
      return (scope) => {
        const value = left(scope);
        return truthy(value) ? right(scope) : value;
      };
    case "or":
      return (scope) => {
        const value = left(scope);
        return truthy(value) ? value : right(scope);
      };
    case "==":
      return (scope) => pythonEquals(left(scope), right(scope));
    case "!=":
      return (scope) => !pythonEquals(left(scope), right(scope));
    case "+":
      return (scope) => add(left(scope), right(scope));
    case "in":
      return (scope) => contains(left(scope), right(scope));
    case "not in":
      return (scope) => !contains(left(scope), right(scope));
  }
  if (!ARITHMETIC.has(operator)) return unsupported(`operator ${operator}`);
  return (scope) => arithmetic(operator, left(scope), right(scope));
}

function compileUnary(node: Node): Expr {
  const operator = node.operator!.value;
  const argument = compileExpression(node.argument!);
  if (operator === "not") return (scope) => !truthy(argument(scope));
  if (operator !== "-" && operator !== "+") return unsupported(`unary ${operator}`);
  const sign = operator === "-" ? -1 : 1;
  return (scope) => {
    const value = argument(scope);
    if (typeof value === "number") return sign * value;
    if (typeof value === "boolean") return sign * (value ? 1 : 0);
    throw new Error(`Unknown operator "${operator}" for ${typeName(value)}`);
  };
}

function compileTest(node: Node): Expr {
  const name = node.test!.value as string;
  const test = EXPRESSION_TESTS.get(name) ?? unsupported(`test ${name}`);
  const operand = compileExpression(node.operand!);
  const negate = !!node.negate;
  return (scope) => test(operand(scope), []) !== negate;
}

function compileFilter(node: Node): Expr {
  const operand = compileExpression(node.operand!);
  const filter = node.filter!;
  const name = (filter.type === "Identifier" ? filter.value : filter.type === "CallExpression" && filter.callee?.type === "Identifier" ? filter.callee.value : undefined) as string | undefined;
  if (!name || !FILTER_NAMES.has(name)) return unsupported(`filter ${name ?? filter.type}`);
  if (filter.type === "Identifier") return (scope) => applyFilter(name, operand(scope), null);
  const args = compileArguments(filter.args ?? []);
  return (scope) => {
    const value = operand(scope);
    const call: FilterCall = { args: evaluatePositional(args, scope), kwargs: evaluateKeywords(args, scope) };
    return applyFilter(name, value, call);
  };
}
