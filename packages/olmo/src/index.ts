import type { FamilyPlugin } from "@training-templates/core";
import { olmo3Think } from "./olmo-3-think.ts";

export { olmo3Think };
export { olmo3ThinkOriginalPatches } from "./olmo-original-patches.ts";

export const olmoFamily: FamilyPlugin = {
  family: "olmo",
  displayName: "OLMo",
  variants: [olmo3Think],
};
