import type { FamilyPlugin } from "@training-templates/core";

/**
 * GPT-OSS. Each variant is a `TrainingTemplate` (one file per variant in src/, its template in
 * templates/<id>.jinja, imported as text), listed in `variants`. See CONTRIBUTING.md.
 */
export const gptOssFamily: FamilyPlugin = {
  family: "gpt-oss",
  displayName: "GPT-OSS",
  variants: [],
};
