import type { FamilyPlugin } from "@training-templates/core";

/**
 * Nemotron. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const nemotronFamily: FamilyPlugin = {
  family: "nemotron",
  displayName: "Nemotron",
  variants: [],
};
