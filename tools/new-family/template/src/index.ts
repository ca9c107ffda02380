import type { FamilyPlugin } from "@training-templates/core";

/**
 * __Display__. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const __camel__Family: FamilyPlugin = {
  family: "__name__",
  displayName: "__Display__",
  variants: [],
};
