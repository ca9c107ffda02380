import type { TrainingTemplate } from "@training-templates/core";
import toolUseTemplate from "../templates/cohere2-command-r7b-tool-use.jinja";
import { COHERE2_SPECIAL_TOKENS } from "./special-tokens.ts";
import { commandR7bOriginalPatches, endsWithReplyWithoutPrompt } from "./trailing-header.ts";

/**
 * Command R7B, its `tool_use` named template (transformers picks it when `tools` are given): the model writes
 * `<|START_THINKING|>{tool_plan}<|END_THINKING|><|START_ACTION|>[…]<|END_ACTION|>` for tool calls and
 * `<|START_RESPONSE|>…<|END_RESPONSE|>` for replies; `documents` become an injected tool call and result.
 */
export const commandR7bToolUse: TrainingTemplate = {
  id: "cohere2-command-r7b-tool-use",
  family: "cohere2",
  displayName: "Command R7B tool use",
  models: ["CohereLabs/c4ai-command-r7b-12-2024"],
  originalSha256: ["0c3f266d86f93a1f50f1573648ba005cb9691ff176c2cfd7ca1a0a33fd7023ec"],
  originalNormalizedSha256: ["0c3f266d86f93a1f50f1573648ba005cb9691ff176c2cfd7ca1a0a33fd7023ec"],
  template: toolUseTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE2_SPECIAL_TOKENS,
  differences:
    "The chatbot header the original writes after the last message is left out when that message is an assistant " +
    "turn and no generation prompt is asked for (prefix preservation).",
  textDiffersFromOriginal: endsWithReplyWithoutPrompt,
  originalPatches: commandR7bOriginalPatches,
};
