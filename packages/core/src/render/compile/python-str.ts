import { pythonFloatRepr, pythonStringRepr } from "../python-str.ts";
import { Callable, hasKey, isTuple, Namespace, notCompiled } from "./values.ts";

/** What `{{ value }}` and `| string` print: Python's `str()`, as the adjusted interpreter's `pythonStr` does. */
export function pythonStr(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === undefined) return "";
  return pythonRepr(value);
}

export function pythonRepr(value: unknown): string {
  switch (typeof value) {
    case "string":
      return pythonStringRepr(value);
    case "boolean":
      return value ? "True" : "False";
    case "undefined":
      return "Undefined";
    case "number":
      return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
    case "object": {
      if (value === null) return "None";
      if (Array.isArray(value)) {
        const items = value.map(pythonRepr);
        if (!isTuple(value)) return `[${items.join(", ")}]`;
        return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
      }
      if (value instanceof Namespace || value instanceof Callable) return notCompiled("printing a namespace or function");
      const dict = value as Record<string, unknown>;
      const entries: string[] = [];
      for (const key in dict) if (hasKey(dict, key)) entries.push(`${pythonStringRepr(key)}: ${pythonRepr(dict[key])}`);
      return `{${entries.join(", ")}}`;
    }
    default:
      return notCompiled("printing a function");
  }
}
