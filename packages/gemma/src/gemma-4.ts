import type { TrainingTemplate } from "@training-templates/core";
import gemma4Template from "../templates/gemma-4.jinja";
import { gemma4TextDiffersFromOriginal } from "./gemma-4-text-differs.ts";
import { gemma4OriginalPatches } from "./gemma-4-original-patches.ts";

/**
 * Gemma 4 (April 2026 revision of the template): `<|turn>role` … `<turn|>` turns, a system turn holding the system
 * prompt, tool declarations and the thinking switch, and tool responses written inside the model's turn, which stays
 * open after a tool call.
 */
export const gemma4: TrainingTemplate = {
  id: "gemma-4",
  family: "gemma",
  displayName: "Gemma 4",
  models: ["google/gemma-4-E2B-it"],
  originalSha256: ["781d10940fbc44be40064b5d43a056fc486c84ceaa55538226368b57314132bf"],
  originalNormalizedSha256: ["781d10940fbc44be40064b5d43a056fc486c84ceaa55538226368b57314132bf"],
  template: gemma4Template,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<turn|>",
  specialTokens: { bos_token: "<bos>", eos_token: "<turn|>", pad_token: "<pad>" },
  differences:
    "Prefix-preserving: a tool-calling turn keeps its reasoning when a user message follows (the original drops it), " +
    "and its content is written before its tool calls (the original writes it after the tool responses and then " +
    "closes the turn).",
  textDiffersFromOriginal: gemma4TextDiffersFromOriginal,
  originalPatches: gemma4OriginalPatches,
};
