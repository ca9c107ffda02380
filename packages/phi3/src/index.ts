import type { FamilyPlugin } from "@training-templates/core";

/**
 * Phi-3. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const phi3Family: FamilyPlugin = {
  family: "phi3",
  displayName: "Phi-3",
  variants: [],
};
