import { argument, Callable, hasKey, isTuple, Namespace, notCompiled, typeName } from "./values.ts";

export interface JsonOptions {
  indent?: number | null;
  ensureAscii?: boolean;
  separators?: [string, string] | null;
}

const NON_ASCII_CHARS = /[\x7f-\uffff]/g;
const asciiSafe = (text: string) => text.replace(NON_ASCII_CHARS, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));

/**
 * `@huggingface/jinja`'s `toJSON` (what `| tojson` prints), on plain values; `sort_keys` is not supported.
 * `undefinedAsNull: false` is the library's `toString` of lists and dicts, which prints an undefined item as `undefined`.
 */
export function toJson(input: unknown, options: JsonOptions = {}, depth = 0, undefinedAsNull = true): string {
  const { indent = null, ensureAscii = false, separators = null } = options;
  const [itemSeparator, keySeparator] = separators ?? (indent ? [",", ": "] : [", ", ": "]);
  if (input === null) return "null";
  if (input === undefined) return undefinedAsNull ? "null" : "undefined";
  switch (typeof input) {
    case "number":
    case "boolean":
      return JSON.stringify(input);
    case "string":
      return ensureAscii ? asciiSafe(JSON.stringify(input)) : JSON.stringify(input);
    case "object":
      break;
    default:
      throw new Error(`Cannot convert to JSON: ${typeName(input)}`);
  }
  if (isTuple(input) || input instanceof Callable) throw new Error(`Cannot convert to JSON: ${typeName(input)}`);
  const indentValue = indent ? " ".repeat(indent) : "";
  const basePadding = "\n" + indentValue.repeat(depth);
  const childrenPadding = basePadding + indentValue;
  if (Array.isArray(input)) {
    const core = input.map((item) => toJson(item, options, depth + 1, undefinedAsNull));
    return indent && core.length > 0
      ? `[${childrenPadding}${core.join(`${itemSeparator}${childrenPadding}`)}${basePadding}]`
      : `[${core.join(itemSeparator)}]`;
  }
  const entries: Array<[string, unknown]> = input instanceof Namespace ? [...input.values] : ownEntries(input as Record<string, unknown>);
  const core = entries.map(([key, value]) => {
    const keyText = ensureAscii ? asciiSafe(JSON.stringify(key)) : JSON.stringify(key);
    const entry = `${keyText}${keySeparator}${toJson(value, options, depth + 1, undefinedAsNull)}`;
    return indent ? `${childrenPadding}${entry}` : entry;
  });
  return indent && core.length > 0 ? `{${core.join(itemSeparator)}${basePadding}}` : `{${core.join(itemSeparator)}}`;
}

function ownEntries(dict: Record<string, unknown>): Array<[string, unknown]> {
  const entries: Array<[string, unknown]> = [];
  for (const key in dict) if (hasKey(dict, key)) entries.push([key, dict[key]]);
  return entries;
}

/** `tojson`'s keyword arguments, checked as the interpreter checks them. */
export function jsonOptions(kwargs: Map<string, unknown> | null): JsonOptions {
  const indent = argument([], -1, kwargs, "indent", null);
  if (!(indent === null || (typeof indent === "number" && Number.isInteger(indent)))) throw new Error("If set, indent must be a number");
  const ensureAscii = argument([], -1, kwargs, "ensure_ascii", false);
  if (typeof ensureAscii !== "boolean") throw new Error("If set, ensure_ascii must be a boolean");
  const sortKeys = argument([], -1, kwargs, "sort_keys", false);
  if (typeof sortKeys !== "boolean") throw new Error("If set, sort_keys must be a boolean");
  if (sortKeys) notCompiled("tojson(sort_keys=true)");
  const separatorsArg = argument([], -1, kwargs, "separators", null);
  let separators: [string, string] | null = null;
  if (Array.isArray(separatorsArg)) {
    const [itemSep, keySep] = separatorsArg as unknown[];
    if (separatorsArg.length !== 2 || typeof itemSep !== "string" || typeof keySep !== "string") {
      throw new Error("separators must be a tuple of two strings");
    }
    separators = [itemSep, keySep];
  } else if (separatorsArg !== null) {
    throw new Error("If set, separators must be a tuple of two strings");
  }
  return { indent: indent as number | null, ensureAscii, separators };
}
