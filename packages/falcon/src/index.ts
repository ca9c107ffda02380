import type { FamilyPlugin } from "@training-templates/core";

/**
 * Falcon. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const falconFamily: FamilyPlugin = {
  family: "falcon",
  displayName: "Falcon",
  variants: [],
};
