import type { TrainingTemplate } from "@training-templates/core";
import nemotron3UltraTemplate from "../templates/nemotron-3-ultra.jinja";
import { NEMOTRON_DIFFERENCES } from "./differences.ts";
import { truncatesSomeTurn, ULTRA_REASONING_LAYOUT } from "./truncated-history.ts";
import { nemotronOriginalPatches } from "./nemotron-original-patches.ts";

/** Nemotron 3 Ultra: reasoning in `<think>`, XML-style `<tool_call>` blocks, `<|im_end|>` ends each turn. */
export const nemotron3Ultra: TrainingTemplate = {
  id: "nemotron-3-ultra",
  family: "nemotron",
  displayName: "Nemotron 3 Ultra",
  models: ["nvidia/NVIDIA-Nemotron-3-Ultra-550B-A55B-BF16"],
  originalSha256: ["82753bef5cedc4932c1ed509b5c9a12be680fd86d1adb65bc3f7398d11c8eebc"],
  originalNormalizedSha256: ["82753bef5cedc4932c1ed509b5c9a12be680fd86d1adb65bc3f7398d11c8eebc"],
  template: nemotron3UltraTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: NEMOTRON_DIFFERENCES,
  textDiffersFromOriginal: (conversation) => truncatesSomeTurn(conversation, ULTRA_REASONING_LAYOUT),
  originalPatches: nemotronOriginalPatches,
};
