import type { FamilyPlugin } from "@training-templates/core";

/**
 * Gemma. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const gemmaFamily: FamilyPlugin = {
  family: "gemma",
  displayName: "Gemma",
  variants: [],
};
