import type { FamilyPlugin } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import type { ConformanceOptions } from "./options.ts";
import { describeConformance } from "./suite.ts";

/** Per variant id, everything `describeConformance` needs besides the variant itself. */
export type FamilyConformanceOptions = Record<string, Omit<ConformanceOptions, "variant">>;

/**
 * Registers the conformance suite for every variant of a family, and fails (saying what to add) when the family
 * has no variants yet, when a variant has no conformance options, or when options name no variant.
 */
export function describeFamilyConformance(family: FamilyPlugin, options: FamilyConformanceOptions): void {
  describe(`${family.family} family`, () => {
    it("has variants, each with conformance options", () => {
      expect(
        family.variants.length,
        `The ${family.family} family has no variants yet. Write templates/<id>.jinja, add its TrainingTemplate to the ` +
          `family's variants in src/index.ts, and give its conformance options here (see CONTRIBUTING.md).`,
      ).toBeGreaterThan(0);
      const ids = family.variants.map((variant) => variant.id);
      const untested = ids.filter((id) => !(id in options));
      expect(untested, `Variants without conformance options (add an entry for each to this test file): ${untested.join(", ")}`).toEqual([]);
      const unknown = Object.keys(options).filter((id) => !ids.includes(id));
      expect(unknown, `Conformance options for ids the family does not have: ${unknown.join(", ")}`).toEqual([]);
    });
  });
  for (const variant of family.variants) {
    const variantOptions = options[variant.id];
    if (variantOptions) describeConformance({ variant, ...variantOptions });
  }
}
