import type { FamilyPlugin } from "@training-templates/core";
import { ayaExpanse } from "./aya-expanse.ts";
import { commandRV01 } from "./command-r-v01.ts";
import { commandRV01Rag } from "./command-r-v01-rag.ts";
import { commandRV01ToolUse } from "./command-r-v01-tool-use.ts";

export { ayaExpanse, commandRV01, commandRV01Rag, commandRV01ToolUse };
export { commandRV01RagOriginalPatches } from "./command-r-v01-rag-patches.ts";
export { commandRV01ToolUseOriginalPatches } from "./command-r-v01-tool-use-patches.ts";
export { COHERE_SPECIAL_TOKENS, COHERE_TEMPLATE_TOKENS } from "./special-tokens.ts";

/**
 * Cohere (Aya Expanse, Command R). Command R ships a list of named chat templates (`default`, `tool_use`, `rag`):
 * each has its own variant, and `getTrainingChatTemplate` answers such a list with the training twin of each name.
 */
export const cohereFamily: FamilyPlugin = {
  family: "cohere",
  displayName: "Cohere (Aya Expanse, Command R)",
  variants: [ayaExpanse, commandRV01, commandRV01ToolUse, commandRV01Rag],
};
