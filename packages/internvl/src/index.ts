import type { FamilyPlugin } from "@training-templates/core";
import { internvl3Hf } from "./internvl-3-hf.ts";

export { internvl3Hf };

/** InternVL: each variant is a `TrainingTemplate`, its template in templates/<id>.jinja. */
export const internvlFamily: FamilyPlugin = {
  family: "internvl",
  displayName: "InternVL",
  variants: [internvl3Hf],
};
