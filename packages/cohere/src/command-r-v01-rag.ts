import type { TrainingTemplate } from "@training-templates/core";
import ragTemplate from "../templates/cohere-command-r-v01-rag.jinja";
import { rendersAnAssistantTurn } from "./closing-turns.ts";
import { COHERE_SPECIAL_TOKENS } from "./special-tokens.ts";
import { commandRV01RagOriginalPatches } from "./command-r-v01-rag-patches.ts";

/**
 * Command R (v01), its `rag` named template: `documents` (dicts printed key by key) and grounded-answer instructions
 * (`citation_mode`: "accurate" adds an `Answer:` step). See `commandRV01RagOriginalPatches` for the fix.
 */
export const commandRV01Rag: TrainingTemplate = {
  id: "cohere-command-r-v01-rag",
  family: "cohere",
  displayName: "Command R (v01) RAG",
  models: ["CohereForAI/c4ai-command-r-v01"],
  originalSha256: ["2b5c6d6b33d8162aaa71cd8bab0c0e1f1df464b996e795a16d592e8bc2a3bdbc"],
  originalNormalizedSha256: ["2b5c6d6b33d8162aaa71cd8bab0c0e1f1df464b996e795a16d592e8bc2a3bdbc"],
  template: ragTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE_SPECIAL_TOKENS,
  differences:
    "The documents turn and the instructions turn, which the original writes once after the last message, precede " +
    "every assistant turn (as the model saw them when writing that turn) and follow the last message only when that " +
    "is not an assistant turn or a generation prompt follows: earlier turns keep their text when messages are " +
    "appended, and a trained reply comes after the documents it answers from.",
  textDiffersFromOriginal: (conversation) => rendersAnAssistantTurn(conversation.messages),
  originalPatches: commandRV01RagOriginalPatches,
};
