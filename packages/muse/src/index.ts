import type { FamilyPlugin } from "@training-templates/core";
import { museGlimmer } from "./muse-glimmer.ts";

export { museGlimmer };
export { museGlimmerOriginalPatches } from "./glimmer-original-patches.ts";

/** Muse: Glimmer, the ATEM protocol with one channel block per reasoning, tool call and answer. */
export const museFamily: FamilyPlugin = {
  family: "muse",
  displayName: "Muse",
  variants: [museGlimmer],
};
