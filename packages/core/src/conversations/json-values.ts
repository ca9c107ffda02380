import fc from "fast-check";
import { textArbitrary } from "./text.ts";

/**
 * Dict keys. Never integer-like ("1"): a JS object moves those first and Python keeps insertion order, so the two
 * sides would see different dicts. Non-ASCII and spaced keys still reach `tojson`.
 */
export const ARGUMENT_KEYS = [
  "city", "unit", "query", "limit", "options", "verbose", "path", "items", "name", "nested", "über", "ключ",
  "key with spaces", "emoji😀",
];

/**
 * Fractions with two decimals in a moderate range: JSON in JS cannot keep 1.0 apart from 1, and Python and JS print
 * very small or large floats differently (1e-05 against 0.00001), so only numbers both print alike are drawn.
 */
export const safeFloatArbitrary = fc
  .integer({ min: -1_000_000, max: 1_000_000 })
  .filter((hundredths) => hundredths % 100 !== 0)
  .map((hundredths) => hundredths / 100);

const leafValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.integer({ min: -100, max: 1000 }), weight: 4 },
  { arbitrary: fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }), weight: 1 },
  { arbitrary: safeFloatArbitrary, weight: 1 },
  { arbitrary: fc.boolean(), weight: 2 },
  { arbitrary: fc.constant(null), weight: 1 },
  { arbitrary: textArbitrary(), weight: 4 },
);

export function dictArbitrary(value: fc.Arbitrary<unknown>, maxKeys = 4): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .uniqueArray(fc.tuple(fc.constantFrom(...ARGUMENT_KEYS), value), { selector: ([key]) => key, maxLength: maxKeys })
    .map((entries) => Object.fromEntries(entries));
}

/** A JSON value as a tool argument: leaves, and lists and dicts nested up to `depth` levels. */
export function jsonValueArbitrary(depth = 2): fc.Arbitrary<unknown> {
  if (depth <= 0) return leafValue;
  const inner = jsonValueArbitrary(depth - 1);
  return fc.oneof(
    { arbitrary: leafValue, weight: 6 },
    { arbitrary: fc.array(inner, { maxLength: 3 }), weight: 1 },
    { arbitrary: dictArbitrary(inner, 3), weight: 1 },
  );
}
