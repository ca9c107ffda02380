import type { TrainingTemplate } from "@training-templates/core";
import phi3Template from "../templates/phi-3.jinja";
import { endsWithEosInOriginal, phi3OriginalPatches } from "./phi3-original-patches.ts";

/**
 * Phi-3 mini: `<|system|>`/`<|user|>`/`<|assistant|>` turns, each closed by `<|end|>\n`; other roles (tool) are
 * left out silently. The trailing eos_token the original adds without a generation prompt is dropped
 * (`phi3OriginalPatches`).
 */
export const phi3: TrainingTemplate = {
  id: "phi-3",
  family: "phi3",
  displayName: "Phi-3",
  models: ["microsoft/Phi-3-mini-4k-instruct", "microsoft/Phi-3-mini-128k-instruct"],
  originalSha256: ["dcaee66df77bfbb789ec541fe713218da30225a526f1db97138fc39ee6dc56aa"],
  originalNormalizedSha256: ["dcaee66df77bfbb789ec541fe713218da30225a526f1db97138fc39ee6dc56aa"],
  template: phi3Template,
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
