import type { FamilyPlugin } from "@training-templates/core";
import { deepseekR1 } from "./deepseek-r1.ts";
import { deepseekR1Distill } from "./deepseek-r1-distill.ts";
import { deepseekV3 } from "./deepseek-v3.ts";

export { deepseekR1, deepseekR1Distill, deepseekV3 };
export { deepseekR1OriginalPatches } from "./deepseek-r1-original-patches.ts";
export { deepseekR1DistillOriginalPatches } from "./deepseek-r1-distill-original-patches.ts";
export { deepseekV3OriginalPatches } from "./deepseek-v3-original-patches.ts";

export const deepseekFamily: FamilyPlugin = {
  family: "deepseek",
  displayName: "DeepSeek",
  variants: [deepseekV3, deepseekR1, deepseekR1Distill],
};
