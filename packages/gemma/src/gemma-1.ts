import type { TrainingTemplate } from "@training-templates/core";
import gemma1Template from "../templates/gemma-1.jinja";

/**
 * Gemma and Gemma 2 instruction-tuned models ship this one template: `<start_of_turn>user|model` turns ending with
 * `<end_of_turn>`, no system role (the original raises), strict user/model alternation, content trimmed.
 */
export const gemma1: TrainingTemplate = {
  id: "gemma-1",
  family: "gemma",
  displayName: "Gemma and Gemma 2",
  models: ["google/gemma-7b-it", "google/gemma-2b-it", "google/gemma-2-2b-it"],
  originalSha256: ["ecd6ae513fe103f0eb62e8ab5bfa8d0fe45c1074fa398b089c93a7e70c15cfd6"],
  originalNormalizedSha256: ["ecd6ae513fe103f0eb62e8ab5bfa8d0fe45c1074fa398b089c93a7e70c15cfd6"],
  template: gemma1Template,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<end_of_turn>",
  specialTokens: { bos_token: "<bos>", eos_token: "<eos>", pad_token: "<pad>" },
  differences: "",
};
