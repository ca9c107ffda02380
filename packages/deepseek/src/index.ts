import type { FamilyPlugin } from "@training-templates/core";
import { deepseekR1 } from "./deepseek-r1.ts";
import { deepseekV3 } from "./deepseek-v3.ts";

export { deepseekR1, deepseekV3 };
export { deepseekR1OriginalPatches } from "./deepseek-r1-original-patches.ts";
export { deepseekV3OriginalPatches } from "./deepseek-v3-original-patches.ts";

export const deepseekFamily: FamilyPlugin = {
  family: "deepseek",
  displayName: "DeepSeek",
  variants: [deepseekV3, deepseekR1],
};
