import type { TrainingTemplate } from "@training-templates/core";
import ragTemplate from "../templates/cohere2-command-r7b-rag.jinja";
import { COHERE2_SPECIAL_TOKENS } from "./special-tokens.ts";
import { commandR7bOriginalPatches, endsWithReplyWithoutPrompt } from "./trailing-header.ts";

/**
 * Command R7B, its `rag` named template: the `tool_use` format with `tools` dropped; `documents` become an
 * injected tool call and result after the first user turn (`enable_citations` adds grounding instructions).
 */
export const commandR7bRag: TrainingTemplate = {
  id: "cohere2-command-r7b-rag",
  family: "cohere2",
  displayName: "Command R7B RAG",
  models: ["CohereLabs/c4ai-command-r7b-12-2024"],
  originalSha256: ["8646432163881dfedb658dde4df3f94267c70e2075f5bb0c02270d6adb30d1dd"],
  originalNormalizedSha256: ["8646432163881dfedb658dde4df3f94267c70e2075f5bb0c02270d6adb30d1dd"],
  template: ragTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE2_SPECIAL_TOKENS,
  differences:
    "The chatbot header the original writes after the last message is left out when that message is an assistant " +
    "turn and no generation prompt is asked for (prefix preservation).",
  textDiffersFromOriginal: endsWithReplyWithoutPrompt,
  originalPatches: commandR7bOriginalPatches,
};
