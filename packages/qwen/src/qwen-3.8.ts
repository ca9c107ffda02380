import type { TrainingTemplate } from "@training-templates/core";
import qwen38Template from "../templates/qwen-3.8.jinja";
import { differsUnlessThinkingPreserved, untrainedGenerationPrompt } from "./preserve-thinking.ts";
import { qwen36 } from "./qwen-3.6.ts";
import { qwen38OriginalPatches } from "./qwen38-original-patches.ts";

/**
 * Qwen3.8: the Qwen3.6 template with `preserve_thinking` on by default, a `reasoning_effort` switch (xhigh by
 * default, medium, low) whose instruction opens the system prompt while thinking is on, reasoning read only from
 * `reasoning_content` (a `<think>` block in the content stays content), and tool calls whose `arguments` is '' written
 * without parameters. The training template keeps all of that and preserves think blocks even with
 * `preserve_thinking=false` (see `qwen38OriginalPatches`).
 */
export const qwen38: TrainingTemplate = {
  ...qwen36,
  id: "qwen-3.8",
  displayName: "Qwen3.8",
  models: ["Qwen/Qwen3.8-27B"],
  originalSha256: ["c3cf9e34abf4f9e36c2d72165aa9c132d3e2a725b6c2586aaa3a8af9d7a81041"],
  originalNormalizedSha256: ["c3cf9e34abf4f9e36c2d72165aa9c132d3e2a725b6c2586aaa3a8af9d7a81041"],
  template: qwen38Template,
  differences:
    "Every assistant turn carries its think block (<think>…</think>, empty when there is no reasoning) whatever " +
    "preserve_thinking says, as the original does by default: with preserve_thinking=false, earlier turns still keep " +
    "their reasoning and their text when messages are appended (prefix-preserving). " +
    untrainedGenerationPrompt,
  textDiffersFromOriginal: differsUnlessThinkingPreserved(true),
  originalPatches: qwen38OriginalPatches,
};
