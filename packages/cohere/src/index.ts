import type { FamilyPlugin } from "@training-templates/core";

/**
 * Cohere (Aya Expanse, Command R). Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const cohereFamily: FamilyPlugin = {
  family: "cohere",
  displayName: "Cohere (Aya Expanse, Command R)",
  variants: [],
};
