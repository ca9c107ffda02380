import type { TrainingTemplate } from "@training-templates/core";
import llama3Template from "../templates/llama-3.jinja";

/** Llama 3 Instruct: plain turns, no tools; the reply is sliced off the turn string the original builds. */
export const llama3: TrainingTemplate = {
  id: "llama-3",
  family: "llama",
  displayName: "Llama 3",
  models: ["meta-llama/Meta-Llama-3-8B-Instruct"],
  originalSha256: ["ba03a121d097859c7b5b9cd03af99aafe95275210d2876f642ad9929a150f122"],
  originalNormalizedSha256: ["ba03a121d097859c7b5b9cd03af99aafe95275210d2876f642ad9929a150f122"],
  template: llama3Template,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|eot_id|>",
  specialTokens: { bos_token: "<|begin_of_text|>", eos_token: "<|eot_id|>" },
  differences: "",
};
