import type { TrainingTemplate } from "@training-templates/core";
import gemma3Template from "../templates/gemma-3.jinja";

/**
 * Gemma 3 instruction-tuned models: Gemma's `<start_of_turn>user|model` turns, with a system message folded into the
 * first user turn and content given as a string or a list of text and image blocks (`<start_of_image>`).
 */
export const gemma3: TrainingTemplate = {
  id: "gemma-3",
  family: "gemma",
  displayName: "Gemma 3",
  models: ["google/gemma-3-4b-it", "google/gemma-3-1b-it"],
  originalSha256: ["7de1c58e208eda46e9c7f86397df37ec49883aeece39fb961e0a6b24088dd3c4"],
  originalNormalizedSha256: ["8d9e3a3c114fb2053ec500184677af4f7e5f8ec2582443cd535834e68b3ade29"],
  template: gemma3Template,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<end_of_turn>",
  specialTokens: { bos_token: "<bos>", eos_token: "<end_of_turn>", pad_token: "<pad>" },
  differences: "",
};
