import type { FamilyPlugin } from "@training-templates/core";
import { falcon7bInstruct } from "./falcon-7b-instruct.ts";

export { falcon7bInstruct };
export { falcon7bInstructOriginalPatches } from "./falcon-original-patches.ts";

export const falconFamily: FamilyPlugin = {
  family: "falcon",
  displayName: "Falcon",
  variants: [falcon7bInstruct],
};
