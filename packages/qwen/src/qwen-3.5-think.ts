import type { TrainingTemplate } from "@training-templates/core";
import qwen35ThinkTemplate from "../templates/qwen-3.5-think.jinja";
import { omitsEarlierThinkBlock } from "./qwen35-think-blocks.ts";
import { qwen35OriginalPatches } from "./qwen35-original-patches.ts";

/**
 * Qwen3.5 with thinking on by default (4B and larger). The original writes the think block only for turns after the
 * last user query; the training template writes it for every assistant turn (see `qwen35OriginalPatches`), so
 * earlier turns keep their text when messages are appended.
 */
export const qwen35Think: TrainingTemplate = {
  id: "qwen-3.5-think",
  family: "qwen",
  displayName: "Qwen3.5 (thinking by default)",
  models: ["Qwen/Qwen3.5-4B"],
  originalSha256: ["a4aee8afcf2e0711942cf848899be66016f8d14a889ff9ede07bca099c28f715"],
  originalNormalizedSha256: ["a4aee8afcf2e0711942cf848899be66016f8d14a889ff9ede07bca099c28f715"],
  template: qwen35ThinkTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences:
    "Every assistant turn carries its think block (<think>…</think>, empty when there is no reasoning), as the " +
    "original writes it only after the last user query: earlier turns keep their reasoning and their text when " +
    "messages are appended (prefix-preserving). The '<think>\\n' that the generation prompt holds is not trained " +
    "(with enable_thinking=false, the empty think block of a turn without reasoning).",
  textDiffersFromOriginal: (conversation) => omitsEarlierThinkBlock(conversation.messages),
  originalPatches: qwen35OriginalPatches,
};
