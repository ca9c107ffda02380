import type { TrainingTemplate } from "@training-templates/core";
import toolUseTemplate from "../templates/cohere-command-r-v01-tool-use.jinja";
import { rendersAnAssistantTurn } from "./closing-turns.ts";
import { COHERE_SPECIAL_TOKENS } from "./special-tokens.ts";
import { commandRV01ToolUseOriginalPatches } from "./command-r-v01-tool-use-patches.ts";

/**
 * Command R (v01), its `tool_use` named template (transformers picks it when `tools` are given): tools as Python
 * signatures, tool calls as an `Action:` JSON list, tool results as system turns. See
 * `commandRV01ToolUseOriginalPatches` for the two fixes.
 */
export const commandRV01ToolUse: TrainingTemplate = {
  id: "cohere-command-r-v01-tool-use",
  family: "cohere",
  displayName: "Command R (v01) tool use",
  models: ["CohereForAI/c4ai-command-r-v01"],
  originalSha256: ["bf9e9ee8c0f2297c6ff60af5fab357d7b34bc4375884ed16ab6aa90597d7eb7d"],
  originalNormalizedSha256: ["75eeabfcdc7bdeb2f29dfc028778f624482e7a106da5dc5b36600b4a0c951769"],
  template: toolUseTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE_SPECIAL_TOKENS,
  differences:
    "The closing instruction turn (\"Write 'Action:' …\"), which the original writes once after the last message, " +
    "precedes every assistant turn (as the model saw it when writing that turn) and follows the last message only " +
    "when that is not an assistant turn or a generation prompt follows: earlier turns keep their text when messages " +
    "are appended. Tool-call turns end with <|END_OF_TURN_TOKEN|>, which the original leaves out.",
  textDiffersFromOriginal: (conversation) => rendersAnAssistantTurn(conversation.messages),
  originalPatches: commandRV01ToolUseOriginalPatches,
};
