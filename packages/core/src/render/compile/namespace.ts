import { Callable, isDict, Namespace } from "./values.ts";

/** The library's `namespace(…)`: from a dict or a list of pairs, then keyword arguments. */
export const namespaceFunction = new Callable((args, kwargs) => {
  if (args.length > 1) throw new Error(`namespace expected at most 1 argument, got ${args.length}`);
  const entries = new Map<string, unknown>();
  if (args.length === 1) {
    const source = args[0];
    if (isDict(source)) {
      for (const key of Object.keys(source)) entries.set(key, source[key]);
    } else if (Array.isArray(source)) {
      for (const pair of source) {
        const values = Array.isArray(pair) ? pair : typeof pair === "string" ? Array.from(pair) : undefined;
        if (!values || values.length !== 2) throw new Error("namespace expected an object or an iterable of [key, value] pairs");
        if (typeof values[0] !== "string") throw new Error("namespace keys must be strings");
        entries.set(values[0], values[1]);
      }
    } else throw new Error("namespace: object is not iterable");
  }
  if (kwargs) for (const [key, value] of kwargs) entries.set(key, value);
  return new Namespace(entries);
});
