import type { TrainingTemplate } from "@training-templates/core";
import deepseekV3Template from "../templates/deepseek-v3.jinja";
import { v3TextDiffers } from "./deepseek-v3-differences.ts";
import { deepseekV3OriginalPatches } from "./deepseek-v3-original-patches.ts";

/**
 * DeepSeek-V3: `<｜User｜>`/`<｜Assistant｜>` turns ended by `<｜end▁of▁sentence｜>`; tool calls (written only for
 * `content: null` messages) in `<｜tool▁calls▁begin｜>` … `<｜tool▁calls▁end｜>` blocks. Two fixes, stated as
 * `deepseekV3OriginalPatches`: each tool-call turn ends once with `<｜tool▁calls▁end｜><｜end▁of▁sentence｜>`, and
 * dict arguments are written as JSON.
 */
export const deepseekV3: TrainingTemplate = {
  id: "deepseek-v3",
  family: "deepseek",
  displayName: "DeepSeek-V3",
  models: ["deepseek-ai/DeepSeek-V3", "deepseek-ai/DeepSeek-V3-Base"],
  originalSha256: ["3b8267e54b67df6500f231ffa969955cc9d26b3444a291ced4eb96ca7d3ca1ea"],
  originalNormalizedSha256: ["3b8267e54b67df6500f231ffa969955cc9d26b3444a291ced4eb96ca7d3ca1ea"],
  template: deepseekV3Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<｜end▁of▁sentence｜>",
  specialTokens: { bos_token: "<｜begin▁of▁sentence｜>", eos_token: "<｜end▁of▁sentence｜>" },
  differences:
    "Each tool-call turn ends once, after its last call, with <｜tool▁calls▁end｜><｜end▁of▁sentence｜> (the original " +
    "writes that after every call but the conversation's first, so a one-call turn never ends). Tool-call arguments " +
    "given as a dict are written as JSON (tojson); the original raises on them.",
  textDiffersFromOriginal: (conversation) => v3TextDiffers(conversation.messages),
  originalPatches: deepseekV3OriginalPatches,
};
