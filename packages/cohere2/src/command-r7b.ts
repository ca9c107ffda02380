import type { TrainingTemplate } from "@training-templates/core";
import commandR7bTemplate from "../templates/cohere2-command-r7b.jinja";
import { COHERE2_SPECIAL_TOKENS } from "./special-tokens.ts";
import { commandR7bOriginalPatches, endsWithReplyWithoutPrompt } from "./trailing-header.ts";

/**
 * Command R7B, the `default` of its named chat templates. Without `documents`: strictly alternating turns, replies
 * as `<|START_RESPONSE|>…<|END_RESPONSE|>` (the generation prompt holds `<|START_RESPONSE|>`). With `documents`: the
 * RAG format of its `rag` template, where the model writes `<|START_RESPONSE|>` itself.
 */
export const commandR7b: TrainingTemplate = {
  id: "cohere2-command-r7b",
  family: "cohere2",
  displayName: "Command R7B",
  models: ["CohereLabs/c4ai-command-r7b-12-2024", "CohereForAI/c4ai-command-r7b-12-2024"],
  originalSha256: ["01dfd1eb4bbe2b40f75f522bf91b43c8184fe22de2f071d4bcb80945fed19e60"],
  originalNormalizedSha256: ["01dfd1eb4bbe2b40f75f522bf91b43c8184fe22de2f071d4bcb80945fed19e60"],
  template: commandR7bTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE2_SPECIAL_TOKENS,
  differences:
    "With documents, the chatbot header the original writes after the last message is left out when that message " +
    "is an assistant turn and no generation prompt is asked for (prefix preservation).",
  textDiffersFromOriginal: (conversation) =>
    (conversation.documents?.length ?? 0) > 0 && endsWithReplyWithoutPrompt(conversation),
  originalPatches: commandR7bOriginalPatches,
};
