import type { FamilyPlugin } from "@training-templates/core";

/**
 * LFM2. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const lfm2Family: FamilyPlugin = {
  family: "lfm2",
  displayName: "LFM2",
  variants: [],
};
