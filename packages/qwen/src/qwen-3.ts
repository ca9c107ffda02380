import type { TrainingTemplate } from "@training-templates/core";
import qwen3Template from "../templates/qwen-3.jinja";
import { carriesReasoningBeforeLastQuery } from "./qwen3-past-reasoning.ts";

/**
 * Qwen3 (hybrid thinking). The original drops `<think>` reasoning from assistant turns before the last user query;
 * the training template keeps it (see `qwen3OriginalPatches`), so earlier turns render the same tokens however
 * many turns follow them.
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
    "Assistant turns before the last user query keep their reasoning (<think>…</think>, from reasoning_content " +
    "or from <think> in the content), which the original drops, so rendering is prefix-preserving across turns.",
  textDiffersFromOriginal: (conversation) => carriesReasoningBeforeLastQuery(conversation.messages),
};
