import type { TrainingTemplate } from "@training-templates/core";
import nemotron35LightningTemplate from "../templates/nemotron-3.5-lightning.jinja";
import { NEMOTRON_DIFFERENCES } from "./differences.ts";
import { truncatesSomeTurn, ULTRA_REASONING_LAYOUT } from "./truncated-history.ts";

/**
 * Nemotron 3.5 Lightning: Nemotron 3 Ultra's template without the `medium_effort` flag (nothing else differs), so
 * it takes Ultra's training template, fix and reasoning layout as they are.
 */
export const nemotron35Lightning: TrainingTemplate = {
  id: "nemotron-3.5-lightning",
  family: "nemotron",
  displayName: "Nemotron 3.5 Lightning",
  models: ["nvidia/NVIDIA-Nemotron-3.5-Lightning"],
  originalSha256: ["58933db77d3099b4f78c55a38347a72e1ea05b97d6bd8f38775303dc0194e0a9"],
  originalNormalizedSha256: ["58933db77d3099b4f78c55a38347a72e1ea05b97d6bd8f38775303dc0194e0a9"],
  template: nemotron35LightningTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: NEMOTRON_DIFFERENCES,
  textDiffersFromOriginal: (conversation) => truncatesSomeTurn(conversation, ULTRA_REASONING_LAYOUT),
};
