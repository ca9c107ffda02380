import { pythonStrip } from "../python-strings.ts";
import { jsonOptions, toJson } from "./json.ts";
import { DICT_METHODS } from "./members.ts";
import { pythonStr } from "./python-str.ts";
import { replaceText, titleCase } from "./string-methods.ts";
import { LIBRARY_TESTS, type Test } from "./tests.ts";
import { argument, hasKey, isDict, isInteger, libraryValue, Namespace, notCompiled, truthy, typeName } from "./values.ts";

/** A filter's arguments: `null` for the bare `| name` form, else the evaluated positional and keyword arguments. */
export interface FilterCall {
  args: unknown[];
  kwargs: Map<string, unknown> | null;
}

/** The filters a compiled template may use; any other name keeps the template on the interpreter. */
export const FILTER_NAMES = new Set([
  "safe", "tojson", "list", "first", "last", "length", "reverse", "join", "string", "unique", "upper", "lower", "title",
  "capitalize", "trim", "indent", "int", "abs", "items", "bool", "default", "map", "replace", "select", "reject",
  "selectattr", "rejectattr", "dictsort", "keys", "values",
]);

const STRING_FILTERS = new Set(["trim", "upper", "lower", "title", "capitalize", "replace", "length", "indent"]);
const ITERATING_FILTERS = new Set(["select", "reject", "selectattr", "rejectattr", "map", "list", "first", "last", "unique"]);
const SELECT_FILTERS = new Set(["select", "reject", "selectattr", "rejectattr"]);

const isPlain = (v: unknown) => v === null || (typeof v !== "object" && typeof v !== "function");
const isNonStringScalar = (v: unknown) => v === null || v === undefined || typeof v === "number" || typeof v === "boolean";
const cannot = (name: string, operand: unknown): never => {
  throw new Error(`Cannot apply filter "${name}" to type: ${typeName(operand)}`);
};

/** `operand | name(args)` with the adjusted interpreter's semantics, then the library's. */
export function applyFilter(name: string, operand: unknown, call: FilterCall | null): unknown {
  if (typeof operand === "string" && ITERATING_FILTERS.has(name)) operand = Array.from(operand);
  if (name === "string") return pythonStr(operand);
  if (name === "tojson" && operand === undefined) throw new Error("Object of type Undefined is not JSON serializable");
  if (name === "trim" && typeof operand === "string" && !call) return pythonStrip(operand, "both");
  if (SELECT_FILTERS.has(name)) {
    if (operand === null || operand === undefined) return [];
    if (Array.isArray(operand)) return selectItems(operand, name, call);
  }
  if (STRING_FILTERS.has(name) && isNonStringScalar(operand) && !(name === "length" && operand !== undefined)) operand = pythonStr(operand);
  return call ? callFilter(name, operand, call) : bareFilter(name, operand);
}

function bareFilter(name: string, operand: unknown): unknown {
  if (name === "safe") return operand;
  if (name === "tojson") return toJson(operand);
  if (Array.isArray(operand)) {
    switch (name) {
      case "list":
        return operand;
      case "first":
      case "last":
        if (operand.length === 0) notCompiled(`${name} of an empty list`);
        return name === "first" ? operand[0] : operand[operand.length - 1];
      case "length":
        return operand.length;
      case "reverse":
        return operand.slice().reverse();
      case "join":
        return joinValues(operand, "");
      case "unique": {
        if (!operand.every(isPlain)) notCompiled("unique of containers");
        // The library dedupes by `.value`, where None and Undefined are one.
        const seen = new Set<unknown>();
        return operand.filter((item) => !seen.has(libraryValue(item)) && seen.add(libraryValue(item)));
      }
    }
    throw new Error(`Unknown ArrayValue filter: ${name}`);
  }
  if (typeof operand === "string") {
    switch (name) {
      case "length":
        return operand.length;
      case "upper":
        return operand.toUpperCase();
      case "lower":
        return operand.toLowerCase();
      case "title":
        return titleCase(operand);
      case "capitalize":
        return operand.charAt(0).toUpperCase() + operand.slice(1);
      case "trim":
        return operand.trim();
      case "indent":
        return operand.split("\n").map((line, i) => (i === 0 || line.length === 0 ? line : "    " + line)).join("\n");
      case "join":
        return operand;
      case "int": {
        const parsed = parseInt(operand, 10);
        return Number.isNaN(parsed) ? 0 : parsed;
      }
    }
    throw new Error(`Unknown StringValue filter: ${name}`);
  }
  if (typeof operand === "number") {
    if (name === "abs") return Math.abs(operand);
    if (name === "int") return Math.floor(operand);
    throw new Error(`Unknown NumericValue filter: ${name}`);
  }
  if (isDict(operand)) {
    if (name === "length") return Object.keys(operand).length;
    const method = DICT_METHODS.get(name);
    if (method) return method(operand, []);
    throw new Error(`Unknown ObjectValue filter: ${name}`);
  }
  if (typeof operand === "boolean") {
    if (name === "bool") return operand;
    if (name === "int") return operand ? 1 : 0;
    throw new Error(`Unknown BooleanValue filter: ${name}`);
  }
  return cannot(name, operand);
}

function callFilter(name: string, operand: unknown, { args, kwargs }: FilterCall): unknown {
  switch (name) {
    case "tojson":
      return toJson(operand, jsonOptions(kwargs));
    case "join": {
      let values: unknown[];
      if (typeof operand === "string") values = Array.from(operand);
      else if (Array.isArray(operand)) values = operand;
      else return cannot(name, operand);
      const separator = argument(args, 0, kwargs, "separator", "");
      if (typeof separator !== "string") throw new Error("separator must be a string");
      return joinValues(values, separator);
    }
    case "int": {
      const fallback = argument(args, 0, kwargs, "default", 0);
      if (typeof operand === "string") {
        const parsed = parseInt(operand, 10);
        return Number.isNaN(parsed) ? fallback : parsed;
      }
      if (typeof operand === "number") return operand;
      if (typeof operand === "boolean") return operand ? 1 : 0;
      return cannot(name, operand);
    }
    case "default": {
      const fallback = args.length > 0 ? args[0] : "";
      const boolean = argument(args, 1, kwargs, "boolean", false);
      if (typeof boolean !== "boolean") throw new Error("`default` filter flag must be a boolean");
      return operand === undefined || (boolean && !truthy(operand)) ? fallback : operand;
    }
  }
  if (Array.isArray(operand)) {
    if (name === "map") return mapAttribute(operand, kwargs);
    throw new Error(`Unknown ArrayValue filter: ${name}`);
  }
  if (typeof operand === "string") {
    if (name === "indent") return indent(operand, args, kwargs);
    if (name === "replace") return replaceFilter(operand, args, kwargs);
    throw new Error(`Unknown StringValue filter: ${name}`);
  }
  if (isDict(operand)) {
    const method = DICT_METHODS.get(name);
    if (!method) throw new Error(`Unknown ObjectValue filter: ${name}`);
    if (kwargs && kwargs.size > 0) notCompiled(`keyword arguments to | ${name}`);
    return method(operand, args);
  }
  return cannot(name, operand);
}

/** `| join`: the library joins the items' `.value`s, which only primitives (and None/Undefined, as "") have plainly. */
function joinValues(values: readonly unknown[], separator: string): string {
  if (!values.every(isPlain)) notCompiled("join of containers");
  return values.join(separator);
}

function indent(text: string, args: unknown[], kwargs: Map<string, unknown> | null): string {
  const width = argument(args, 0, kwargs, "width", 4);
  if (!isInteger(width)) throw new Error("width must be a number");
  const first = !!argument(args, 1, kwargs, "first", false);
  const blank = !!argument(args, 2, kwargs, "blank", false);
  const pad = " ".repeat(width);
  return text.split("\n").map((line, i) => ((!first && i === 0) || (!blank && line.length === 0) ? line : pad + line)).join("\n");
}

/** `| replace`: the library passes its keyword arguments as a trailing dict, so `count=` counts only as the third. */
function replaceFilter(text: string, args: unknown[], kwargs: Map<string, unknown> | null): string {
  const [oldValue, newValue] = args;
  if (args.length < 1 || typeof oldValue !== "string") throw new Error("replace() arguments must be strings");
  if (args.length < 2 || typeof newValue !== "string") throw new Error("replace() arguments must be strings");
  const count = args.length > 2 ? args[2] : argument([], -1, kwargs, "count", null);
  if (!(count === null || isInteger(count))) throw new Error("replace() count argument must be a number or null");
  return replaceText(text, oldValue, newValue, count);
}

/** `| map(attribute='a.b', default=…)`, the only `map` the library has. */
function mapAttribute(items: readonly unknown[], kwargs: Map<string, unknown> | null): unknown[] {
  if (!kwargs?.has("attribute")) throw new Error("`map` expressions without `attribute` set are not currently supported.");
  const path = kwargs.get("attribute");
  if (typeof path !== "string") throw new Error("attribute must be a string");
  const hasDefault = kwargs.has("default");
  return items.map((item) => {
    if (!(isDict(item) || item instanceof Namespace)) throw new Error("items in map must be an object");
    const value = attributeValue(item, path);
    return value === undefined && hasDefault ? kwargs.get("default") : value;
  });
}

/** The library's `getAttributeValue`: dict keys, namespace attributes and list indexes along a dotted path. */
function attributeValue(item: unknown, path: string): unknown {
  let value = item;
  for (const part of path.split(".")) {
    if (isDict(value)) value = hasKey(value, part) ? value[part] : undefined;
    else if (value instanceof Namespace) value = value.values.get(part);
    else if (Array.isArray(value)) {
      const index = parseInt(part, 10);
      if (Number.isNaN(index) || index < 0 || index >= value.length) return undefined;
      value = value[index];
    } else return undefined;
  }
  return value;
}

/** Jinja2's `select`/`reject` (a test on each item) and `selectattr`/`rejectattr`, as the adjusted interpreter has them. */
function selectItems(items: readonly unknown[], name: string, call: FilterCall | null): unknown[] {
  if (call?.kwargs) throw new Error(`keyword arguments to ${name}`);
  const args = [...(call?.args ?? [])];
  if (!args.every(isPlain)) notCompiled(`${name} with container arguments`);
  const byAttribute = name.endsWith("attr");
  const attribute = byAttribute ? String(args.shift() ?? "") : undefined;
  const testArgs = args.slice(1);
  let test: Test;
  if (args.length > 0) {
    const testName = String(libraryValue(args[0]));
    const found = LIBRARY_TESTS.get(testName);
    if (!found) throw new Error(`No test named '${testName}'`);
    test = found;
  } else test = (item) => truthy(item);
  const keep = name.startsWith("select");
  return items.filter((item) => test(attribute === undefined ? item : attributeOf(item, attribute), testArgs) === keep);
}

/** `item.attr.sub` as the adjusted interpreter resolves it for `selectattr`: missing anywhere → undefined. */
function attributeOf(item: unknown, path: string): unknown {
  let current = item;
  for (const part of path.split(".")) {
    if (!isDict(current) || !hasKey(current, part)) return undefined;
    current = current[part];
  }
  return current;
}
