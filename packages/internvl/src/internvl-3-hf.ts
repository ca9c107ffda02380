import type { TrainingTemplate } from "@training-templates/core";
import internvl3HfTemplate from "../templates/internvl-3-hf.jinja";

/**
 * InternVL3 in the transformers (-hf) format: ChatML turns whose content is a string or a list of blocks, images as
 * `<IMG_CONTEXT>\n` and videos as `<video>\n`. The trained span is the reply and `<|im_end|>`.
 */
export const internvl3Hf: TrainingTemplate = {
  id: "internvl-3-hf",
  family: "internvl",
  displayName: "InternVL3 (-hf)",
  models: ["OpenGVLab/InternVL3-8B-hf"],
  originalSha256: ["b3e3fa7cdeceec1d3dfe0d17b77724baf3857714e688f3a700261567e96140eb"],
  originalNormalizedSha256: ["b3e3fa7cdeceec1d3dfe0d17b77724baf3857714e688f3a700261567e96140eb"],
  template: internvl3HfTemplate,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  // The original reads no special-token variables.
  specialTokens: {},
  differences: "",
};
