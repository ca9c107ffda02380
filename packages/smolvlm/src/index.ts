import type { FamilyPlugin } from "@training-templates/core";
import { smolvlm2 } from "./smolvlm-2.ts";

export { smolvlm2 };

/** SmolVLM: each variant is a `TrainingTemplate`, its template in templates/<id>.jinja. */
export const smolvlmFamily: FamilyPlugin = {
  family: "smolvlm",
  displayName: "SmolVLM",
  variants: [smolvlm2],
};
