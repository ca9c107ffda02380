import type { TrainingTemplate } from "@training-templates/core";
import nemotron3NanoTemplate from "../templates/nemotron-3-nano.jinja";
import { NEMOTRON_DIFFERENCES } from "./differences.ts";
import { NANO_SUPER_REASONING_LAYOUT, truncatesSomeTurn } from "./truncated-history.ts";
import { nemotronOriginalPatches } from "./nemotron-original-patches.ts";

/** Nemotron 3 Nano: reasoning in `<think>`, XML-style `<tool_call>` blocks, `<|im_end|>` ends each turn. */
export const nemotron3Nano: TrainingTemplate = {
  id: "nemotron-3-nano",
  family: "nemotron",
  displayName: "Nemotron 3 Nano",
  models: ["nvidia/NVIDIA-Nemotron-3-Nano-30B-A3B-BF16"],
  originalSha256: ["ab7813c3abdd9cb655905a410728b26c7884eca45ddfab8d9f931553485a7862"],
  originalNormalizedSha256: ["43a92aacc2e169bb37055e4d8b0df31edfdc8657d8c387fcf98254cb246e626a"],
  template: nemotron3NanoTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: NEMOTRON_DIFFERENCES,
  textDiffersFromOriginal: (conversation) => truncatesSomeTurn(conversation, NANO_SUPER_REASONING_LAYOUT),
  originalPatches: nemotronOriginalPatches,
};
