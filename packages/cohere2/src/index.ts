import type { FamilyPlugin } from "@training-templates/core";

/**
 * Cohere 2 (Command R7B, Tiny Aya). Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const cohere2Family: FamilyPlugin = {
  family: "cohere2",
  displayName: "Cohere 2 (Command R7B, Tiny Aya)",
  variants: [],
};
