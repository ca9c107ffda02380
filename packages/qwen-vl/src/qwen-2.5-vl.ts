import type { TrainingTemplate } from "@training-templates/core";
import qwen25VlTemplate from "../templates/qwen-2.5-vl.jinja";

/**
 * Qwen2.5-VL and Qwen2-VL (byte-identical templates): ChatML with a default system prompt, content as a string or a
 * list of text/image/video blocks. No tools, and `reasoning_content` is ignored. Assistant turns get their own
 * branch (the original writes every role alike) so the span holds the content and `<|im_end|>`, not the header.
 */
export const qwen25Vl: TrainingTemplate = {
  id: "qwen-2.5-vl",
  family: "qwen-vl",
  displayName: "Qwen2.5-VL / Qwen2-VL",
  models: ["Qwen/Qwen2-VL-2B-Instruct", "Qwen/Qwen2.5-VL-3B-Instruct", "Qwen/Qwen2.5-VL-7B-Instruct"],
  originalSha256: ["a0bc6f6fc7a29a80017a433e8f03a1cc1236e838a944a2d034295a60c4f2fddb"],
  originalNormalizedSha256: ["a0bc6f6fc7a29a80017a433e8f03a1cc1236e838a944a2d034295a60c4f2fddb"],
  template: qwen25VlTemplate,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: "",
};
