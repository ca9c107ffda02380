import type { TrainingTemplate } from "@training-templates/core";
import qwen3VlTemplate from "../templates/qwen-3-vl.jinja";

/**
 * Qwen3-VL Instruct: the Qwen3 ChatML layout with `<tool_call>` blocks and text/image/video content blocks in any
 * message. It ignores `reasoning_content` and writes each assistant turn's content as given, so it is
 * prefix-preserving as it is: only markers are added.
 */
export const qwen3Vl: TrainingTemplate = {
  id: "qwen-3-vl",
  family: "qwen-vl",
  displayName: "Qwen3-VL Instruct",
  models: ["Qwen/Qwen3-VL-2B-Instruct"],
  originalSha256: ["3636d0f0bd6bef02654cdffdc447b79cb2cef8ab02cc75267345946291a489e4"],
  originalNormalizedSha256: ["9d879ef91075acbfb2df7e441fd79d60bacfca989cf6d511d2af45c681e94f10"],
  template: qwen3VlTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: "",
};
