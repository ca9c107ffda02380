import { isInteger, notCompiled } from "./values.ts";

/** The library's `StringValue` methods (`s.upper()`, `s.split(',')`, …) on a plain string. */
export type StringMethod = (text: string, args: readonly unknown[]) => unknown;

const titleCase = (value: string) => value.replace(/\b\w/g, (c) => c.toUpperCase());

function affix(name: "startswith" | "endswith"): StringMethod {
  return (text, args) => {
    if (args.length === 0) throw new Error(`${name}() requires at least one argument`);
    const test = (part: string) => (name === "startswith" ? text.startsWith(part) : text.endsWith(part));
    const pattern = args[0];
    if (typeof pattern === "string") return test(pattern);
    if (Array.isArray(pattern)) {
      for (const item of pattern) {
        if (typeof item !== "string") throw new Error(`${name}() tuple elements must be strings`);
        if (test(item)) return true;
      }
      return false;
    }
    throw new Error(`${name}() argument must be a string or tuple of strings`);
  };
}

const split: StringMethod = (text, args) => {
  const sep = args.length > 0 ? args[0] : null;
  if (!(typeof sep === "string" || sep === null)) throw new Error("sep argument must be a string or null");
  const maxsplit = args.length > 1 ? args[1] : -1;
  if (!isInteger(maxsplit)) throw new Error("maxsplit argument must be a number");
  let result: string[] = [];
  if (sep === null) {
    const trimmed = text.trimStart();
    for (const { 0: match, index } of trimmed.matchAll(/\S+/g)) {
      if (maxsplit !== -1 && result.length >= maxsplit && index !== undefined) {
        result.push(match + trimmed.slice(index + match.length));
        break;
      }
      result.push(match);
    }
  } else {
    if (sep === "") throw new Error("empty separator");
    result = text.split(sep);
    if (maxsplit !== -1 && result.length > maxsplit) result.push(result.splice(maxsplit).join(sep));
  }
  return result;
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The library's `replace(str, old, new, count)`. */
export function replaceText(text: string, oldValue: string, newValue: string, count: number | null): string {
  if (count === 0) return text;
  let remaining = count == null || count < 0 ? Infinity : count;
  const pattern = oldValue.length === 0 ? new RegExp("(?=)", "gu") : new RegExp(escapeRegExp(oldValue), "gu");
  return text.replaceAll(pattern, (match) => {
    if (remaining > 0) {
      --remaining;
      return newValue;
    }
    return match;
  });
}

const replace: StringMethod = (text, args) => {
  if (args.length < 2) throw new Error("replace() requires at least two arguments");
  const [oldValue, newValue] = args;
  if (typeof oldValue !== "string" || typeof newValue !== "string") throw new Error("replace() arguments must be strings");
  const count = args.length > 2 ? args[2] : null;
  if (!(count === null || isInteger(count))) throw new Error("replace() count argument must be a number or null");
  return replaceText(text, oldValue, newValue, count);
};

export const STRING_METHODS: ReadonlyMap<string, StringMethod> = new Map<string, StringMethod>([
  ["upper", (text) => text.toUpperCase()],
  ["lower", (text) => text.toLowerCase()],
  ["strip", (text) => text.trim()],
  ["title", (text) => titleCase(text)],
  ["capitalize", (text) => text.charAt(0).toUpperCase() + text.slice(1)],
  ["rstrip", (text) => text.trimEnd()],
  ["lstrip", (text) => text.trimStart()],
  ["startswith", affix("startswith")],
  ["endswith", affix("endswith")],
  ["split", split],
  ["replace", replace],
]);

export { titleCase };

/** Keyword arguments reach the library's methods as a trailing dict argument, which these do not model. */
export function noKeywords(kwargs: Map<string, unknown> | null, what: string): void {
  if (kwargs && kwargs.size > 0) notCompiled(`keyword arguments to ${what}`);
}
