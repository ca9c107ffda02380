import type { TrainingTemplate } from "@training-templates/core";
import phi35Template from "../templates/phi-3.5.jinja";
import { endsWithEosInOriginal, phi3OriginalPatches } from "./phi3-original-patches.ts";

/**
 * Phi-3.5 mini: Phi-3's format, except that a system message with empty content is left out. The trailing
 * eos_token the original adds without a generation prompt is dropped (`phi3OriginalPatches`).
 */
export const phi35: TrainingTemplate = {
  id: "phi-3.5",
  family: "phi3",
  displayName: "Phi-3.5",
  models: ["microsoft/Phi-3.5-mini-instruct"],
  originalSha256: ["78d976a442bcde2f0be15aafbb8e3050e1104f86732266f68403251b89982a90"],
  originalNormalizedSha256: ["78d976a442bcde2f0be15aafbb8e3050e1104f86732266f68403251b89982a90"],
  template: phi35Template,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|end|>",
  specialTokens: { bos_token: "<s>", eos_token: "<|endoftext|>", pad_token: "<|endoftext|>" },
  differences:
    "Without a generation prompt the original appends eos_token (<|endoftext|>) after the last turn; the training " +
    "template does not, so a conversation's text is a prefix of its continuation's (prefix-preserving). Every " +
    "assistant turn still ends with <|end|>, which is trained.",
  textDiffersFromOriginal: endsWithEosInOriginal,
  originalPatches: phi3OriginalPatches,
};
