import type { TrainingTemplate } from "@training-templates/core";
import qwen36Template from "../templates/qwen-3.6.jinja";
import { differsUnlessThinkingPreserved, untrainedGenerationPrompt } from "./preserve-thinking.ts";
import { qwen36OriginalPatches } from "./qwen36-original-patches.ts";

/**
 * Qwen3.6: the Qwen3.5 (thinking) template plus `preserve_thinking`, which keeps past turns' think blocks but is off
 * by default. The training template always preserves them (see `qwen36OriginalPatches`): with
 * `preserve_thinking=true` its text is the original's.
 */
export const qwen36: TrainingTemplate = {
  id: "qwen-3.6",
  family: "qwen",
  displayName: "Qwen3.6",
  models: ["Qwen/Qwen3.6-27B", "Qwen/Qwen3.6-35B-A3B"],
  originalSha256: ["e84f32a23fdda27689f868aa4a1a5621f41133e51a48d7f3efcbea2839574259"],
  originalNormalizedSha256: ["e84f32a23fdda27689f868aa4a1a5621f41133e51a48d7f3efcbea2839574259"],
  template: qwen36Template,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences:
    "Every assistant turn carries its think block (<think>…</think>, empty when there is no reasoning) whatever " +
    "preserve_thinking says, as the original does only with preserve_thinking=true (its default is off): earlier " +
    "turns keep their reasoning and their text when messages are appended (prefix-preserving). " +
    untrainedGenerationPrompt,
  textDiffersFromOriginal: differsUnlessThinkingPreserved(false),
  originalPatches: qwen36OriginalPatches,
};
