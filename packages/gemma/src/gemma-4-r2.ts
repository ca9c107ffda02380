import type { TrainingTemplate } from "@training-templates/core";
import gemma4R2Template from "../templates/gemma-4-r2.jinja";
import { gemma4R2TextDiffersFromOriginal } from "./gemma-4-text-differs.ts";

/**
 * Gemma 4, later revision of the template (r2): as the April 2026 one, plus a system message whose content is a list
 * of text blocks, tool parameter keys filtered only at the top level, and a turn closed after its tool responses
 * only when its content writes something. Checkpoints saved at different times carry either revision.
 */
export const gemma4R2: TrainingTemplate = {
  id: "gemma-4-r2",
  family: "gemma",
  displayName: "Gemma 4 (later template revision)",
  models: ["google/gemma-4-E2B-it"],
  originalSha256: ["33204f1acb5bd0002713e16a593847f24ceeafe711ed88bda2a352dc996a3373"],
  originalNormalizedSha256: ["33204f1acb5bd0002713e16a593847f24ceeafe711ed88bda2a352dc996a3373"],
  template: gemma4R2Template,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<turn|>",
  specialTokens: { bos_token: "<bos>", eos_token: "<turn|>", pad_token: "<pad>" },
  differences:
    "Prefix-preserving: a tool-calling turn keeps its reasoning when a user message follows (the original drops it), " +
    "and its content is written before its tool calls (the original writes it after the tool responses and then " +
    "closes the turn).",
  textDiffersFromOriginal: gemma4R2TextDiffersFromOriginal,
};
