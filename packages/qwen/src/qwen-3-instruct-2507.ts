import type { TrainingTemplate } from "@training-templates/core";
import qwen3Instruct2507Template from "../templates/qwen-3-instruct-2507.jinja";

/**
 * Qwen3 Instruct 2507 (non-thinking): renders every assistant turn's content as given and ignores
 * `reasoning_content`, so nothing vanishes from past turns and no fix is needed.
 */
export const qwen3Instruct2507: TrainingTemplate = {
  id: "qwen-3-instruct-2507",
  family: "qwen",
  displayName: "Qwen3 Instruct 2507",
  models: ["Qwen/Qwen3-4B-Instruct-2507"],
  originalSha256: ["64f85b198065d0fba2a81f37e10ed68161ce2c19a754c7100e67e0ca2ee9c326"],
  originalNormalizedSha256: ["64f85b198065d0fba2a81f37e10ed68161ce2c19a754c7100e67e0ca2ee9c326"],
  template: qwen3Instruct2507Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: "",
};
