import type { FamilyPlugin } from "@training-templates/core";
import { glm45 } from "./glm-4.5.ts";

export { glm45 };
export { glm45OriginalPatches } from "./glm-4.5-original-patches.ts";

export const glmFamily: FamilyPlugin = {
  family: "glm",
  displayName: "GLM",
  variants: [glm45],
};
