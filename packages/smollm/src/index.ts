import type { FamilyPlugin } from "@training-templates/core";
import { smollm3 } from "./smollm-3.ts";

export { smollm3 };

export const smollmFamily: FamilyPlugin = {
  family: "smollm",
  displayName: "Hugging Face SmolLM",
  variants: [smollm3],
};
