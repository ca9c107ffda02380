import type { FamilyPlugin } from "@training-templates/core";
import { commandR7b } from "./command-r7b.ts";
import { commandR7bRag } from "./command-r7b-rag.ts";
import { commandR7bToolUse } from "./command-r7b-tool-use.ts";
import { tinyAya } from "./tiny-aya.ts";

export { commandR7b, commandR7bRag, commandR7bToolUse, tinyAya };
export { commandR7bOriginalPatches } from "./trailing-header.ts";
export { COHERE2_SPECIAL_TOKENS, COHERE2_TEMPLATE_TOKENS } from "./special-tokens.ts";

/**
 * Cohere 2 (Command R7B, Tiny Aya). Command R7B ships a list of named chat templates (`default`, `tool_use`, `rag`):
 * each has its own variant, and `getTrainingChatTemplate` answers such a list with the training twin of each name.
 */
export const cohere2Family: FamilyPlugin = {
  family: "cohere2",
  displayName: "Cohere 2 (Command R7B, Tiny Aya)",
  variants: [commandR7b, commandR7bToolUse, commandR7bRag, tinyAya],
};
