import { IntegralFloat } from "../jinja2/py-values.ts";
import { boundedResult } from "../render-limits.ts";
import { Callable, isDict, Namespace, notCompiled } from "./values.ts";

/**
 * What the compiled renderer hands to (and takes from) the Jinja2 filters, tests and methods it shares with the
 * interpreter: plain data. A namespace or a function as an operand or argument, or an integral float in a result
 * (which a compiled template cannot hold, see `values.ts`), hands the render to the interpreter. Checked at the top
 * level only, to keep filters on long conversations cheap: a namespace or function nested in a list or dict reaches
 * the shared code, which raises on it (no Python repr, not JSON), and the interpreter renders instead.
 */
const isOpaque = (value: unknown) => value instanceof Namespace || value instanceof Callable || typeof value === "function";

export function requireShareable(values: readonly unknown[], kwargs: Map<string, unknown> | null, what: string): void {
  if (values.some(isOpaque)) notCompiled(`${what} on a namespace or function`);
  if (kwargs) for (const value of kwargs.values()) if (isOpaque(value)) notCompiled(`${what} on a namespace or function`);
}

function holdsIntegralFloat(value: unknown, depth = 0): boolean {
  if (value instanceof IntegralFloat) return true;
  if (depth > 100) return true;
  if (Array.isArray(value)) return value.some((item) => holdsIntegralFloat(item, depth + 1));
  if (isDict(value)) for (const key in value) if (holdsIntegralFloat(value[key], depth + 1)) return true;
  return false;
}

/** The filters that make new floats (the others only pass on what they are given, where a compiled render has none). */
const FLOAT_MAKERS = new Set(["float", "round", "sum", "map"]);

export function compiledResult(value: unknown, filter: string): unknown {
  if (value instanceof IntegralFloat || (FLOAT_MAKERS.has(filter) && holdsIntegralFloat(value))) notCompiled(`| ${filter} made an integral float`);
  return boundedResult(value);
}
