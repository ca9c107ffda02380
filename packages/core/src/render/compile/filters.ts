import { JINJA2_FILTERS } from "../jinja2/filters.ts";
import { compiledResult, requireShareable } from "./jinja2-values.ts";

/** A filter's arguments: `null` for the bare `| name` form, else the evaluated positional and keyword arguments. */
export interface FilterCall {
  args: unknown[];
  kwargs: Map<string, unknown> | null;
}

/** The filters a compiled template may use (Jinja2's); any other name keeps the template on the interpreter. */
export const FILTER_NAMES: ReadonlySet<string> = new Set(JINJA2_FILTERS.keys());

/** `operand | name(args)`: Jinja2's filter, shared with the interpreter (`../jinja2/filters.ts`). */
export function applyFilter(name: string, operand: unknown, call: FilterCall | null): unknown {
  const filter = JINJA2_FILTERS.get(name);
  if (!filter) throw new Error(`No filter named '${name}'.`);
  const args = call?.args ?? [];
  const kwargs = call?.kwargs ?? null;
  requireShareable([operand, ...args], kwargs, `| ${name}`);
  return compiledResult(filter(operand, args, kwargs), name);
}
