import type { FamilyPlugin } from "@training-templates/core";
import { gemma1 } from "./gemma-1.ts";
import { gemma3 } from "./gemma-3.ts";
import { gemma4 } from "./gemma-4.ts";
import { gemma4Diffusion } from "./gemma-4-diffusion.ts";
import { gemma4DiffusionOriginalPatches } from "./gemma-4-diffusion-original-patches.ts";
import { gemma4OriginalPatches } from "./gemma-4-original-patches.ts";
import { gemma4R2 } from "./gemma-4-r2.ts";
import { gemma4R2OriginalPatches } from "./gemma-4-r2-original-patches.ts";

export { gemma1, gemma3, gemma4, gemma4R2, gemma4Diffusion, gemma4OriginalPatches, gemma4R2OriginalPatches, gemma4DiffusionOriginalPatches };

export const gemmaFamily: FamilyPlugin = {
  family: "gemma",
  displayName: "Gemma",
  variants: [gemma1, gemma3, gemma4, gemma4R2, gemma4Diffusion],
};
