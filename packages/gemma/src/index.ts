import type { FamilyPlugin } from "@training-templates/core";
import { gemma1 } from "./gemma-1.ts";
import { gemma3 } from "./gemma-3.ts";
import { gemma4 } from "./gemma-4.ts";
import { gemma4OriginalPatches } from "./gemma-4-original-patches.ts";

export { gemma1, gemma3, gemma4, gemma4OriginalPatches };

export const gemmaFamily: FamilyPlugin = {
  family: "gemma",
  displayName: "Gemma",
  variants: [gemma1, gemma3, gemma4],
};
