import type { TrainingTemplate } from "@training-templates/core";
import gemma4DiffusionTemplate from "../templates/gemma-4-diffusion.jinja";
import { gemma4DiffusionTextDiffersFromOriginal } from "./gemma-4-text-differs.ts";
import { gemma4DiffusionOriginalPatches } from "./gemma-4-diffusion-original-patches.ts";

/**
 * Diffusion Gemma 4 checkpoints (template dated 2026-07-09): Gemma 4's turns and tool format, with reasoning written
 * for every turn after the last user message, a `preserve_thinking` switch, tool-call arguments that must be a dict
 * (the original raises on a string), and a reply after tool responses that opens a new `<|turn>model` header.
 */
export const gemma4Diffusion: TrainingTemplate = {
  id: "gemma-4-diffusion",
  family: "gemma",
  displayName: "Gemma 4 diffusion",
  // The corpus records no hub ids for these checkpoints (TRL ships the template as diffusion_gemma.jinja).
  models: [],
  originalSha256: ["9aeb7eac68ad87bba7567e9d4597ff203e5609f1b427d9e823437d0142cc61bf"],
  originalNormalizedSha256: ["8e3e346ed2ad5fa060bc59937e732675076b0a674c6fa53a32d0dafa91522839"],
  template: gemma4DiffusionTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<turn|>",
  specialTokens: { bos_token: "<bos>", eos_token: "<turn|>", pad_token: "<pad>" },
  differences:
    "Prefix-preserving: every turn keeps its reasoning when a user message follows (the original writes it only " +
    "after the last user message), and a tool-calling turn's content is written before its tool calls (the " +
    "original writes it after the tool responses and then closes the turn).",
  textDiffersFromOriginal: gemma4DiffusionTextDiffersFromOriginal,
  originalPatches: gemma4DiffusionOriginalPatches,
};
