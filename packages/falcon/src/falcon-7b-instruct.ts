import type { TrainingTemplate } from "@training-templates/core";
import falcon7bInstructTemplate from "../templates/falcon-7b-instruct.jinja";
import { falcon7bInstructOriginalPatches } from "./falcon-original-patches.ts";

/**
 * Falcon 7B Instruct: plain `User:` / `Assistant:` labels and no end-of-turn token. The original writes nothing
 * after a reply, so a model trained on it never learns to stop; the training template ends every assistant turn
 * with `eos_token` (`<|endoftext|>`, the token Falcon stops on), see `falcon7bInstructOriginalPatches`.
 */
export const falcon7bInstruct: TrainingTemplate = {
  id: "falcon-7b-instruct",
  family: "falcon",
  displayName: "Falcon 7B Instruct",
  models: ["tiiuae/falcon-7b-instruct"],
  originalSha256: ["21b852f7ae96fcb457729e78a91d35b96e6bccd933845ade44ebe89431bba103"],
  // The normalised text loses the two CR bytes of the original's `.replace('\r\n', '\n')` literals.
  originalNormalizedSha256: ["f77aceabccd0634e58edf4e0f0ef45b221502e3dee60dccec848709701b983ec"],
  template: falcon7bInstructTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|endoftext|>",
  specialTokens: { eos_token: "<|endoftext|>" },
  differences:
    "Every assistant turn ends with eos_token (<|endoftext|>) right after the reply: the original writes no " +
    "end-of-turn token at all, so the model could not learn where a reply ends. The reply text is unchanged.",
  textDiffersFromOriginal: (conversation) => conversation.messages.some((message) => message.role === "assistant"),
  originalPatches: falcon7bInstructOriginalPatches,
};
