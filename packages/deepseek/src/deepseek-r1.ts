import type { TrainingTemplate } from "@training-templates/core";
import deepseekR1Template from "../templates/deepseek-r1.jinja";
import { r1TextDiffers } from "./deepseek-r1-differences.ts";
import { deepseekR1OriginalPatches } from "./deepseek-r1-original-patches.ts";

/**
 * DeepSeek-R1: DeepSeek-V3's format with `<think>\n` after `<｜Assistant｜>` in the generation prompt; assistant
 * replies are written without their reasoning (the text before `</think>` is dropped from every turn, so appending
 * messages changes nothing before them). Dict tool-call arguments are written as JSON (`deepseekR1OriginalPatches`).
 */
export const deepseekR1: TrainingTemplate = {
  id: "deepseek-r1",
  family: "deepseek",
  displayName: "DeepSeek-R1",
  models: ["deepseek-ai/DeepSeek-R1"],
  originalSha256: ["563b1ce7d61d50a9b4c7439a912a1116f095b712df5b5e4d3e1116049874eb64"],
  originalNormalizedSha256: ["563b1ce7d61d50a9b4c7439a912a1116f095b712df5b5e4d3e1116049874eb64"],
  template: deepseekR1Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<｜end▁of▁sentence｜>",
  specialTokens: { bos_token: "<｜begin▁of▁sentence｜>", eos_token: "<｜end▁of▁sentence｜>" },
  differences: "Tool-call arguments given as a dict are written as JSON (tojson); the original raises on them.",
  textDiffersFromOriginal: (conversation) => r1TextDiffers(conversation.messages),
  originalPatches: deepseekR1OriginalPatches,
};
