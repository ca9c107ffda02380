import type { FamilyPlugin } from "@training-templates/core";
import { llava15 } from "./llava-1.5.ts";
import { llavaNext } from "./llava-next.ts";

export { llava15, llavaNext };
export { llava15OriginalPatches } from "./llava-1.5-original-patches.ts";
export { llavaNextOriginalPatches } from "./llava-next-original-patches.ts";

/** LLaVA: LLaVA 1.5 (Vicuna) and LLaVA-NeXT (Mistral), image placeholders in user turns. */
export const llavaFamily: FamilyPlugin = {
  family: "llava",
  displayName: "LLaVA",
  variants: [llava15, llavaNext],
};
