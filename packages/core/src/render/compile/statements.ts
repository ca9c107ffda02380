import { type Node, unsupported } from "./ast.ts";
import { compileExpression, type Expr } from "./expressions.ts";
import { currentBudget } from "../render-limits.ts";
import { pythonStr } from "./python-str.ts";
import { Callable, isDict, isTuple, Namespace, Scope, truthy, typeName } from "./values.ts";

/** A compiled statement: the text it outputs in a scope. */
export type Stmt = (scope: Scope) => string;

/** `{% break %}` / `{% continue %}`, thrown to the enclosing loop as the interpreter does (dropping the iteration's text). */
const BREAK = { loopControl: "break" };
const CONTINUE = { loopControl: "continue" };

interface Options {
  /** Whether the template has `break`/`continue` at all: loops without them need no `try`. */
  loopControl: boolean;
}

export function compileBlock(nodes: readonly Node[], options: Options): Stmt {
  const statements = nodes.map((node) => compileStatement(node, options));
  if (statements.length === 0) return () => "";
  if (statements.length === 1) return statements[0]!;
  return (scope) => {
    let out = "";
    for (const statement of statements) out += statement(scope);
    return out;
  };
}

function compileStatement(node: Node, options: Options): Stmt {
  switch (node.type) {
    case "Program":
      return compileBlock(node.body!, options);
    case "Comment":
      return () => "";
    case "If": {
      const test = compileExpression(node.test!);
      const body = compileBlock(node.body!, options);
      const alternate = compileBlock(node.alternate ?? [], options);
      return (scope) => (truthy(test(scope)) ? body(scope) : alternate(scope));
    }
    case "For":
      return compileFor(node, options);
    case "Set":
      return compileSet(node, options);
    case "Macro":
      return compileMacro(node, options);
    case "Break":
      return () => {
        throw BREAK;
      };
    case "Continue":
      return () => {
        throw CONTINUE;
      };
    case "CallStatement":
    case "FilterStatement":
      return unsupported(node.type);
    default: {
      const expression = compileExpression(node);
      return (scope) => {
        // Text is counted where it is made (a leaf), not again as it is joined into the blocks around it.
        const text = pythonStr(expression(scope));
        currentBudget().produced(text.length);
        return text;
      };
    }
  }
}

type Assign = (scope: Scope, value: unknown) => void;

/** Binds a loop variable or a `set` target list; unpacking takes lists and tuples (`d.items()` yields them) of the right length. */
function compileTargets(target: Node, acceptTuples: boolean): Assign {
  if (target.type === "Identifier") {
    const name = target.value as string;
    return (scope, value) => void scope.vars.set(name, value);
  }
  if (target.type !== "TupleLiteral") return unsupported(`assignment to ${target.type}`);
  const names = (target.value as Node[]).map((item) => (item.type === "Identifier" ? (item.value as string) : unsupported(`unpacking to ${item.type}`)));
  return (scope, value) => {
    if (!Array.isArray(value) || (!acceptTuples && isTuple(value))) throw new Error(`Cannot unpack non-iterable type: ${typeName(value)}`);
    if (value.length !== names.length) throw new Error(`Too ${names.length > value.length ? "few" : "many"} items to unpack`);
    for (let i = 0; i < names.length; i++) scope.vars.set(names[i]!, value[i]);
  };
}

function compileFor(node: Node, options: Options): Stmt {
  const assign = compileTargets(node.loopvar!, true);
  const select = node.iterable!.type === "SelectExpression" ? node.iterable! : undefined;
  const iterable = compileExpression(select ? select.lhs! : node.iterable!);
  const filter = select ? compileExpression(select.test!) : undefined;
  const body = compileBlock(node.body!, options);
  const otherwise = compileBlock(node.defaultBlock ?? [], options);
  return (outer) => {
    const scope = new Scope(outer);
    let walked = iterable(scope);
    if (typeof walked === "string") walked = Array.from(walked);
    else if (walked === undefined) walked = [];
    else if (isDict(walked)) walked = Object.keys(walked);
    if (!Array.isArray(walked)) throw new Error(`Expected iterable or object type in for loop: got ${typeName(walked)}`);
    let items = walked as unknown[];
    const budget = currentBudget();
    if (filter) {
      items = items.filter((item) => {
        budget.step();
        const itemScope = new Scope(scope);
        assign(itemScope, item);
        return truthy(filter(itemScope));
      });
    }
    const length = items.length;
    let out = "";
    let ran = false;
    for (let i = 0; i < length; i++) {
      budget.step();
      scope.vars.set("loop", {
        index: i + 1,
        index0: i,
        revindex: length - i,
        revindex0: length - i - 1,
        first: i === 0,
        last: i === length - 1,
        length,
        previtem: i > 0 ? items[i - 1] : undefined,
        nextitem: i < length - 1 ? items[i + 1] : undefined,
      });
      assign(scope, items[i]);
      if (!options.loopControl) out += body(scope);
      else {
        try {
          out += body(scope);
        } catch (signal) {
          if (signal === CONTINUE) continue;
          if (signal === BREAK) break;
          throw signal;
        }
      }
      ran = true;
    }
    if (!ran) out += otherwise(scope);
    return out;
  };
}

function compileSet(node: Node, options: Options): Stmt {
  const value: Expr | Stmt = node.value ? compileExpression(node.value as Node) : compileBlock(node.body!, options);
  const target = node.assignee!;
  if (target.type === "MemberExpression") {
    if (target.computed || target.property?.type !== "Identifier") return unsupported("set to a computed attribute");
    const object = compileExpression(target.object!);
    const name = target.property.value as string;
    return (scope) => {
      const assigned = value(scope);
      const namespace = object(scope);
      if (!(namespace instanceof Namespace)) throw new Error("cannot assign attribute on non-namespace object");
      namespace.values.set(name, assigned);
      return "";
    };
  }
  const assign = compileTargets(target, true);
  return (scope) => {
    assign(scope, value(scope));
    return "";
  };
}

interface Parameter {
  name: string;
  fallback?: Expr;
}

/** Names that make the library bind extra arguments (`kwargs`, `varargs`); such macros stay on the interpreter. */
function mentionsSpecialArguments(node: unknown): boolean {
  if (!node || typeof node !== "object") return false;
  if (Array.isArray(node)) return node.some(mentionsSpecialArguments);
  if (node instanceof Map) return [...node].some(mentionsSpecialArguments);
  const { type, value } = node as Node;
  if (type === "Identifier" && (value === "kwargs" || value === "varargs")) return true;
  return Object.values(node).some((child) => typeof child === "object" && mentionsSpecialArguments(child));
}

/**
 * `{% macro %}`: a callable that renders its body in a new scope under the CALLER's scope (the library scopes macros
 * dynamically), binding positional then keyword arguments, then the defaults of the parameters left unbound.
 */
function compileMacro(node: Node, options: Options): Stmt {
  if (mentionsSpecialArguments(node.args) || mentionsSpecialArguments(node.body)) return unsupported("macro using kwargs/varargs");
  const name = node.name!.value as string;
  const parameters: Parameter[] = (node.args ?? []).map((arg) => {
    if (arg.type === "Identifier") return { name: arg.value as string };
    if (arg.type === "KeywordArgumentExpression") return { name: arg.key!.value as string, fallback: compileExpression(arg.value as Node) };
    return unsupported(`macro parameter ${arg.type}`);
  });
  const body = compileBlock(node.body!, options);
  return (scope) => {
    scope.vars.set(name, new Callable((args, kwargs, callScope) => {
      const budget = currentBudget();
      budget.enterMacro();
      try {
        return callMacro(args, kwargs, callScope);
      } finally {
        budget.leaveMacro();
      }
    }));
    return "";
  };

  /** One call: the macro's text for these arguments (the budget's depth is counted around it). */
  function callMacro(args: unknown[], kwargs: Map<string, unknown> | null, callScope: Scope): string {
    const macroScope = new Scope(callScope);
    const remaining = kwargs ? new Map(kwargs) : undefined;
    const pending: Parameter[] = [];
    parameters.forEach((parameter, i) => {
      let value: unknown;
      let bound = i < args.length;
      if (bound) value = args[i];
      else if (remaining?.has(parameter.name)) {
        value = remaining.get(parameter.name);
        remaining.delete(parameter.name);
        bound = true;
      }
      if (!bound && parameter.fallback) pending.push(parameter);
      macroScope.vars.set(parameter.name, value);
    });
    if (remaining && remaining.size > 0) throw new Error(`macro '${name}' takes no keyword argument '${remaining.keys().next().value}'`);
    if (args.length > parameters.length) throw new Error(`macro '${name}' takes not more than ${parameters.length} argument(s)`);
    for (const parameter of pending) macroScope.vars.set(parameter.name, parameter.fallback!(macroScope));
    return body(macroScope);
  }
}
