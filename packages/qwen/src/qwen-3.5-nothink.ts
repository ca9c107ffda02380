import type { TrainingTemplate } from "@training-templates/core";
import qwen35NothinkTemplate from "../templates/qwen-3.5-nothink.jinja";
import { omitsEarlierThinkBlock } from "./qwen35-think-blocks.ts";
import { qwen35OriginalPatches } from "./qwen35-original-patches.ts";

/**
 * Qwen3.5 with thinking off by default (0.8B, 2B): the same template as `qwen-3.5-think` except that its generation
 * prompt holds an empty think block unless `enable_thinking=true`. Same prefix-preservation fix.
 */
export const qwen35Nothink: TrainingTemplate = {
  id: "qwen-3.5-nothink",
  family: "qwen",
  displayName: "Qwen3.5 (thinking off by default)",
  models: ["Qwen/Qwen3.5-0.8B", "Qwen/Qwen3.5-2B"],
  originalSha256: ["273d8e0e683b885071fb17e08d71e5f2a5ddfb5309756181681de4f5a1822d80"],
  originalNormalizedSha256: ["273d8e0e683b885071fb17e08d71e5f2a5ddfb5309756181681de4f5a1822d80"],
  template: qwen35NothinkTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences:
    "Every assistant turn carries its think block (<think>…</think>, empty when there is no reasoning), as the " +
    "original writes it only after the last user query: earlier turns keep their reasoning and their text when " +
    "messages are appended (prefix-preserving). The empty think block that the generation prompt holds is not " +
    "trained for turns without reasoning (with enable_thinking=true, the prompt's '<think>\\n').",
  textDiffersFromOriginal: (conversation) => omitsEarlierThinkBlock(conversation.messages),
  originalPatches: qwen35OriginalPatches,
};
