import type { FamilyPlugin } from "@training-templates/core";
import { phi3 } from "./phi-3.ts";
import { phi35 } from "./phi-3.5.ts";

export { phi3, phi35 };
export { phi3OriginalPatches } from "./phi3-original-patches.ts";

export const phi3Family: FamilyPlugin = {
  family: "phi3",
  displayName: "Phi-3",
  variants: [phi3, phi35],
};
