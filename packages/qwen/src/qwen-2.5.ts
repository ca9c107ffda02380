import type { TrainingTemplate } from "@training-templates/core";
import qwen25Template from "../templates/qwen-2.5.jinja";

/**
 * Qwen2.5 Instruct: ChatML with a default system prompt and `<tool_call>` JSON blocks. The original glues the
 * header's newline to the content or first tool call; the training template emits it with the header instead,
 * so the marked span starts at the reply while the text stays the same.
 */
export const qwen25: TrainingTemplate = {
  id: "qwen-2.5",
  family: "qwen",
  displayName: "Qwen2.5 Instruct",
  models: ["Qwen/Qwen2.5-32B-Instruct", "Qwen/Qwen2.5-3B-Instruct", "Qwen/Qwen2.5-7B-Instruct"],
  originalSha256: ["cd8e9439f0570856fd70470bf8889ebd8b5d1107207f67a5efb46e342330527f"],
  originalNormalizedSha256: ["55b2f4a26ac9ee719330a61a0c39d9e538b0e9322212f048326318cff4f8674a"],
  template: qwen25Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: "",
};
