import type { TrainingTemplate } from "@training-templates/core";
import nemotron3SuperTemplate from "../templates/nemotron-3-super.jinja";
import { NEMOTRON_DIFFERENCES } from "./differences.ts";
import { NANO_SUPER_REASONING_LAYOUT, truncatesSomeTurn } from "./truncated-history.ts";
import { nemotronOriginalPatches } from "./nemotron-original-patches.ts";

/** Nemotron 3 Super: reasoning in `<think>`, XML-style `<tool_call>` blocks, `<|im_end|>` ends each turn. */
export const nemotron3Super: TrainingTemplate = {
  id: "nemotron-3-super",
  family: "nemotron",
  displayName: "Nemotron 3 Super",
  models: ["nvidia/NVIDIA-Nemotron-3-Super-120B-A12B-BF16"],
  originalSha256: ["575fb74f54ed264df9047d0ecce3c98938aae953fb4f50356675706264cbb68a"],
  originalNormalizedSha256: ["3b74d76d8b903752e764cae114ae8ae2f24cd260466cf672570c745219573d28"],
  template: nemotron3SuperTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { eos_token: "<|im_end|>" },
  differences: NEMOTRON_DIFFERENCES,
  textDiffersFromOriginal: (conversation) => truncatesSomeTurn(conversation, NANO_SUPER_REASONING_LAYOUT),
  originalPatches: nemotronOriginalPatches,
};
