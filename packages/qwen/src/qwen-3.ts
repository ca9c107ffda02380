import type { TrainingTemplate } from "@training-templates/core";
import qwen3Template from "../templates/qwen-3.jinja";
import { omitsSomeThinkBlock } from "./qwen3-think-blocks.ts";
import { qwen3OriginalPatches } from "./qwen3-original-patches.ts";

/**
 * Qwen3 (hybrid thinking). The original writes the think block only for the last assistant turn and turns with
 * reasoning after the last user query; the training template writes it for every assistant turn (see
 * `qwen3OriginalPatches`), so earlier turns render the same tokens however many turns follow them.
 */
export const qwen3: TrainingTemplate = {
  id: "qwen-3",
  family: "qwen",
  displayName: "Qwen3",
  models: ["Qwen/Qwen3-30B-A3B", "Qwen/Qwen3-8B", "Qwen/Qwen3-1.7B"],
  originalSha256: ["a55ee1b1660128b7098723e0abcd92caa0788061051c62d51cbe87d9cf1974d8"],
  originalNormalizedSha256: ["a55ee1b1660128b7098723e0abcd92caa0788061051c62d51cbe87d9cf1974d8"],
  template: qwen3Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences:
    "Every assistant turn carries its think block (<think>…</think>, empty when there is no reasoning), as the " +
    "original writes only the last turn: earlier turns keep their reasoning and their text when messages are " +
    "appended (prefix-preserving). With enable_thinking=false an empty think block is part of the prompt, not trained.",
  textDiffersFromOriginal: (conversation) => omitsSomeThinkBlock(conversation.messages),
  originalPatches: qwen3OriginalPatches,
};
