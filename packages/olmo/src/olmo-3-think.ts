import type { TrainingTemplate } from "@training-templates/core";
import olmo3ThinkTemplate from "../templates/olmo-3-think.jinja";
import { olmo3ThinkOriginalPatches } from "./olmo-original-patches.ts";

/**
 * OLMo 3 Think: ChatML with a default system prompt, and a generation prompt that already opens the think block
 * (`<|im_start|>assistant\n<think>`). A turn whose content starts with `<think>` is trained from after that tag,
 * where the model starts writing. The original ends the last message with `eos_token` and every other assistant
 * turn with `<|im_end|>\n`; the training template ends every turn the second way (see `olmo3ThinkOriginalPatches`).
 */
export const olmo3Think: TrainingTemplate = {
  id: "olmo-3-think",
  family: "olmo",
  displayName: "OLMo 3 Think",
  models: ["allenai/Olmo-3-7B-Think"],
  originalSha256: ["6d549883b5ed12879e191845c256a30c7dfd4eced0a4f160060a3ea0199d9e3a"],
  originalNormalizedSha256: ["6d549883b5ed12879e191845c256a30c7dfd4eced0a4f160060a3ea0199d9e3a"],
  template: olmo3ThinkTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|endoftext|>" },
  differences:
    "A conversation that ends with an assistant turn ends it with <|im_end|>\\n, as every earlier assistant turn " +
    "is ended, instead of eos_token (<|endoftext|>): a turn's text and tokens no longer change when messages are " +
    "appended (prefix-preserving), and the model learns one stop token, <|im_end|>.",
  textDiffersFromOriginal: (conversation) => conversation.messages.at(-1)?.role === "assistant",
  originalPatches: olmo3ThinkOriginalPatches,
};
