import type { TrainingTemplate } from "@training-templates/core";
import deepseekR1DistillTemplate from "../templates/deepseek-r1-distill.jinja";
import { r1DistillTextDiffers } from "./deepseek-r1-distill-differences.ts";
import { deepseekR1DistillOriginalPatches } from "./deepseek-r1-distill-original-patches.ts";

/**
 * DeepSeek-R1-Distill (Qwen- and Llama-based): DeepSeek-V3's turn format with `<think>\n` after `<｜Assistant｜>`
 * in the generation prompt. One fix, stated as `deepseekR1DistillOriginalPatches`: replies keep their reasoning (the
 * original cuts each reply to the text after its last `</think>`). No tools: the original never writes the tool
 * list, drops `tool_calls` from any message with content, and leaves a one-call turn without a stop token.
 */
export const deepseekR1Distill: TrainingTemplate = {
  id: "deepseek-r1-distill",
  family: "deepseek",
  displayName: "DeepSeek-R1-Distill",
  models: ["deepseek-ai/DeepSeek-R1-Distill-Qwen-7B", "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"],
  originalSha256: ["56a1447ad31926fdc21fb07e56e5642bd9c850c4f52d8c8af7bbe5f079a84f5f"],
  originalNormalizedSha256: ["56a1447ad31926fdc21fb07e56e5642bd9c850c4f52d8c8af7bbe5f079a84f5f"],
  template: deepseekR1DistillTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<｜end▁of▁sentence｜>",
  specialTokens: { bos_token: "<｜begin▁of▁sentence｜>", eos_token: "<｜end▁of▁sentence｜>" },
  differences:
    "Replies keep their reasoning: the original cuts each reply to the text after its last </think>, so no reasoning " +
    "would train.",
  textDiffersFromOriginal: (conversation) => r1DistillTextDiffers(conversation.messages),
  originalPatches: deepseekR1DistillOriginalPatches,
};
