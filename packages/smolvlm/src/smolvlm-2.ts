import type { TrainingTemplate } from "@training-templates/core";
import smolvlm2Template from "../templates/smolvlm-2.jinja";

/**
 * SmolVLM and SmolVLM2 (one template): Idefics3-style `User:`/`Assistant:` turns ending in `<end_of_utterance>`
 * after a literal `<|im_start|>`, content always a list of blocks (the original indexes `content[0]`). The trained
 * span starts after `Assistant:` (the generation prompt), so it holds the space the original writes before
 * text-first content.
 */
export const smolvlm2: TrainingTemplate = {
  id: "smolvlm-2",
  family: "smolvlm",
  displayName: "SmolVLM2",
  models: ["HuggingFaceTB/SmolVLM2-2.2B-Instruct", "HuggingFaceTB/SmolVLM-Instruct"],
  originalSha256: ["830005085ddd94cec605b6e21b885b28ffad6e3f82ee6a212c523533e8f04f01"],
  originalNormalizedSha256: ["830005085ddd94cec605b6e21b885b28ffad6e3f82ee6a212c523533e8f04f01"],
  template: smolvlm2Template,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<end_of_utterance>",
  // The original writes `<|im_start|>` literally and reads no special-token variables.
  specialTokens: {},
  differences: "",
};
