import type { FamilyPlugin } from "@training-templates/core";
import { gemma1 } from "./gemma-1.ts";

export { gemma1 };

export const gemmaFamily: FamilyPlugin = {
  family: "gemma",
  displayName: "Gemma",
  variants: [gemma1],
};
