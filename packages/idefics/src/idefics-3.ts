import type { TrainingTemplate } from "@training-templates/core";
import idefics3Template from "../templates/idefics-3.jinja";

/**
 * Idefics3 (Llama 3 based): Idefics2's turns after a literal `<|begin_of_text|>`. The trained span starts after
 * `Assistant:` (the generation prompt), so it holds the space the original writes before text-first content.
 */
export const idefics3: TrainingTemplate = {
  id: "idefics-3",
  family: "idefics",
  displayName: "Idefics3",
  models: ["HuggingFaceM4/Idefics3-8B-Llama3"],
  originalSha256: ["0d7e56ca41705b79932de707b22bc855c3cfcefae62f1ac5e458560654883d2e"],
  originalNormalizedSha256: ["0d7e56ca41705b79932de707b22bc855c3cfcefae62f1ac5e458560654883d2e"],
  template: idefics3Template,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<end_of_utterance>",
  // The original writes `<|begin_of_text|>` literally and reads no special-token variables.
  specialTokens: {},
  differences: "",
};
