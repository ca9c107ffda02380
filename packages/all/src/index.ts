import { createRegistry, type FamilyPlugin } from "@training-templates/core";
import { llamaFamily } from "@training-templates/llama";
import { qwenFamily } from "@training-templates/qwen";

/** Every family package, in the order `list` shows them. */
export const families: readonly FamilyPlugin[] = [llamaFamily, qwenFamily];

/** The registry of every known training template. */
export const registry = createRegistry(families);
