import type { TrainingTemplate } from "@training-templates/core";
import smollm3Template from "../templates/smollm-3.jinja";

/**
 * SmolLM3 (hybrid thinking: `enable_thinking`, or `/think` / `/no_think` in the system message). The vendor's
 * template ships generation markers, but they enclose the `<|im_start|>assistant\n` header and, in `/no_think`
 * mode, the empty think block the generation prompt already holds; the training template moves them to the reply
 * and `<|im_end|>`. The rendered text is the original's, byte for byte.
 */
export const smollm3: TrainingTemplate = {
  id: "smollm-3",
  family: "smollm",
  displayName: "SmolLM3",
  models: ["HuggingFaceTB/SmolLM3-3B"],
  originalSha256: ["3e0e275a527f249670056e0078e474eadbdd007c134b4fdfae5a7b3089702814"],
  originalNormalizedSha256: ["4e618188ce6320b8de679a0eddd11072bc58a6cc03a24f09db4cd4bad62274c7"],
  template: smollm3Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: "",
};
