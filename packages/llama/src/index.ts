import type { FamilyPlugin } from "@training-templates/core";
import { llama3 } from "./llama-3.ts";
import { llama31 } from "./llama-3.1.ts";
import { llama32 } from "./llama-3.2.ts";

export { llama3, llama31, llama32 };

export const llamaFamily: FamilyPlugin = {
  family: "llama",
  displayName: "Meta Llama",
  variants: [llama3, llama31, llama32],
};
