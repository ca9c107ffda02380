import type { FamilyPlugin } from "@training-templates/core";
import { idefics2 } from "./idefics-2.ts";
import { idefics3 } from "./idefics-3.ts";

export { idefics2, idefics3 };

/** Idefics2 and Idefics3: each variant is a `TrainingTemplate`, its template in templates/<id>.jinja. */
export const ideficsFamily: FamilyPlugin = {
  family: "idefics",
  displayName: "Idefics",
  variants: [idefics2, idefics3],
};
