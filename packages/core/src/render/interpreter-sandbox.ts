import type { Environment } from "@huggingface/jinja";
import type { Node } from "./compile/ast.ts";
import type { Value } from "./python-semantics.ts";
import type { RenderBudget } from "./render-limits.ts";
import { mayBeUnsafeAttribute, pythonTypeOfValue, SandboxError, unsafeAttributeMessage } from "./sandbox.ts";

/** The private members of `Interpreter` these hooks wrap. */
interface Internals {
  evaluate(node: Node, environment: Environment): Value;
  evaluateBlock(statements: Node[], environment: Environment): Value;
  evaluateMemberExpression(node: Node, environment: Environment): Value;
  evaluateCallExpression(node: Node, environment: Environment): Value;
  evaluateMacro(node: Node, environment: Environment): Value;
}

export interface SandboxHookHelpers {
  /** A node standing for a value already computed. */
  precomputed(value: Value): Node;
  /** A new undefined value of the library's class. */
  undefinedValue(): Value;
}

/** The undefined values that stand for a refused attribute, with the `SecurityError` message they raise when used. */
const refusals = new WeakMap<Value, string>();

/** The `SecurityError` message of an undefined value that stands for a refused attribute, if it is one. */
export function refusalOf(value: Value): string | undefined {
  return refusals.get(value);
}

/** `object.name` or `object['name']` with a name written in the template (a dynamic key is not looked at). */
function staticName(node: Node): string | undefined {
  const property = node.property;
  if (!node.computed) return property?.type === "Identifier" ? (property.value as string) : undefined;
  return property?.type === "StringLiteral" ? (property.value as string) : undefined;
}

/** A member expression whose name the sandbox may refuse: only these need their object looked at. */
function mayBeRefused(node: Node | undefined): boolean {
  if (node?.type !== "MemberExpression") return false;
  const name = staticName(node);
  return name !== undefined && mayBeUnsafeAttribute(name);
}

/** The sandbox's message for `object.name` (or `object['name']`, `subscript`), if it refuses it. */
function refusal(object: Value, name: string, subscript: boolean): string | undefined {
  // Jinja2 subscripts a dict by key first, and only then looks for an attribute of that name.
  if (subscript && object.type === "ObjectValue" && (object.value as Map<string, Value>).has(name)) return undefined;
  return unsafeAttributeMessage(pythonTypeOfValue(object.type), name);
}

/**
 * Wraps the interpreter's hooks (installed last, so it sees every access first) with the sandbox of transformers'
 * `ImmutableSandboxedEnvironment` and the render budget:
 * - reading a refused attribute (`'a'.__class__`, `messages.append`) gives an undefined value that raises Jinja2's
 *   `SecurityError` message when called or read from, and prints as nothing, as Jinja2's does;
 * - every expression and block is a step of the budget (its clock), every macro call a level of its macro depth.
 */
export function installSandbox(interpreter: object, budget: RenderBudget, helpers: SandboxHookHelpers): void {
  const internals = interpreter as Internals;
  const next = {
    evaluate: internals.evaluate.bind(interpreter),
    block: internals.evaluateBlock.bind(interpreter),
    member: internals.evaluateMemberExpression.bind(interpreter),
    call: internals.evaluateCallExpression.bind(interpreter),
    macro: internals.evaluateMacro.bind(interpreter),
  };

  /** The object of a member expression that needs checking, evaluated once; raises if it is itself refused. */
  const objectOf = (node: Node, env: Environment): Value => {
    const object = internals.evaluate(node.object!, env);
    const refused = refusalOf(object);
    if (refused !== undefined) throw new SandboxError(refused);
    return object;
  };

  internals.evaluate = (node, env) => {
    budget.step();
    return next.evaluate(node, env);
  };

  // A loop iteration with an empty body evaluates no expression, only its (empty) block.
  internals.evaluateBlock = (statements, env) => {
    budget.step();
    return next.block(statements, env);
  };

  /**
   * What to throw when using the variable `name` failed: the sandbox's error if it holds a refused attribute's value
   * (`{% set f = l.append %}` then `f()` or `f.x`), else the failure. Looked at only once the use has failed (a name
   * has no side effects), so the normal path pays nothing.
   */
  const failureThrough = (name: Node, env: Environment, error: unknown): unknown => {
    const refused = refusalOf(internals.evaluate(name, env));
    return refused !== undefined ? new SandboxError(refused) : error;
  };

  internals.evaluateMemberExpression = (node, env) => {
    const checksName = mayBeRefused(node);
    if (!checksName && !mayBeRefused(node.object)) {
      if (node.object?.type !== "Identifier") return next.member(node, env);
      try {
        return next.member(node, env);
      } catch (error) {
        throw failureThrough(node.object, env, error);
      }
    }
    const object = objectOf(node, env);
    const message = checksName ? refusal(object, staticName(node)!, !!node.computed) : undefined;
    if (message === undefined) return next.member({ ...node, object: helpers.precomputed(object) }, env);
    const refused = helpers.undefinedValue();
    refusals.set(refused, message);
    return refused;
  };

  internals.evaluateCallExpression = (node, env) => {
    const callee = node.callee!;
    const checksName = mayBeRefused(callee);
    if (!checksName && !mayBeRefused(callee.object)) {
      if (callee.type !== "Identifier") return next.call(node, env);
      try {
        return next.call(node, env);
      } catch (error) {
        throw failureThrough(callee, env, error);
      }
    }
    // Jinja2 reads the callee before the arguments: a refused method raises before they are evaluated.
    const object = objectOf(callee, env);
    const message = checksName ? refusal(object, staticName(callee)!, !!callee.computed) : undefined;
    if (message !== undefined) throw new SandboxError(message);
    return next.call({ ...node, callee: { ...callee, object: helpers.precomputed(object) } }, env);
  };

  internals.evaluateMacro = (node, env) => {
    const result = next.macro(node, env);
    const macro = env.variables.get(node.name!.value as string) as { value: (args: Value[], scope: Environment) => Value } | undefined;
    if (macro) {
      const call = macro.value;
      macro.value = (args, scope) => {
        budget.enterMacro();
        try {
          return call(args, scope);
        } finally {
          budget.leaveMacro();
        }
      };
    }
    return result;
  };
}
