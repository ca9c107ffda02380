import type { TrainingTemplate } from "@training-templates/core";
import lfm2Template from "../templates/lfm2.jinja";

/**
 * LFM2: ChatML-like turns, tools listed in the system turn between `<|tool_list_start|>`/`<|tool_list_end|>`, tool
 * results wrapped in `<|tool_response_start|>`/`<|tool_response_end|>`. The original renders each message's
 * `content` only (a tool call is written in the content), so `tool_calls` and `reasoning_content` never show.
 */
export const lfm2: TrainingTemplate = {
  id: "lfm2",
  family: "lfm2",
  displayName: "LFM2",
  models: ["LiquidAI/LFM2-1.2B"],
  originalSha256: ["cef187400d62a59507aab3a642ea9a8d2a2ef263562bc3430560e116945273cf"],
  originalNormalizedSha256: ["cef187400d62a59507aab3a642ea9a8d2a2ef263562bc3430560e116945273cf"],
  template: lfm2Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { bos_token: "<|startoftext|>", eos_token: "<|im_end|>" },
  differences: "",
};
