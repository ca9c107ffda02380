import { IntegralFloat } from "../jinja2/py-values.ts";
import { Callable, isDict, Namespace, notCompiled } from "./values.ts";

/**
 * What the compiled renderer hands to (and takes from) the Jinja2 filters, tests and methods it shares with the
 * interpreter: plain data only. A namespace or a function among the values, or an integral float in a result (which
 * a compiled template cannot hold, see `values.ts`), hands the render to the interpreter.
 */
function isShareable(value: unknown, depth = 0): boolean {
  if (value instanceof Namespace || value instanceof Callable || typeof value === "function" || value instanceof IntegralFloat) return false;
  if (depth > 100) return false;
  if (Array.isArray(value)) return value.every((item) => isShareable(item, depth + 1));
  if (isDict(value)) {
    for (const key in value) if (!isShareable(value[key], depth + 1)) return false;
  }
  return true;
}

export function requireShareable(values: readonly unknown[], kwargs: Map<string, unknown> | null, what: string): void {
  if (!values.every((value) => isShareable(value))) notCompiled(`${what} on a namespace or function`);
  if (kwargs) for (const value of kwargs.values()) if (!isShareable(value)) notCompiled(`${what} on a namespace or function`);
}

export function compiledResult(value: unknown, what: string): unknown {
  if (!isShareable(value)) notCompiled(`${what} made an integral float`);
  return value;
}
