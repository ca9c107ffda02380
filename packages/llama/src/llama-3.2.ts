import type { TrainingTemplate } from "@training-templates/core";
import llama32Template from "../templates/llama-3.2.jinja";

/** Llama 3.2 Instruct (1B/3B text models): JSON tool calls, one per turn; date from `strftime_now` by default. */
export const llama32: TrainingTemplate = {
  id: "llama-3.2",
  family: "llama",
  displayName: "Llama 3.2",
  models: ["meta-llama/Llama-3.2-1B-Instruct", "meta-llama/Llama-3.2-3B-Instruct"],
  originalSha256: ["5816fce10444e03c2e9ee1ef8a4a1ea61ae7e69e438613f3b17b69d0426223a4"],
  originalNormalizedSha256: ["d82792f95932f1c9cef5c4bd992f171225e3bf8c7b609b4557c9e1ec96be819f"],
  template: llama32Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|eot_id|>",
  specialTokens: { bos_token: "<|begin_of_text|>", eos_token: "<|eot_id|>" },
  differences: "",
};
