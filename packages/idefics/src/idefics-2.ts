import type { TrainingTemplate } from "@training-templates/core";
import idefics2Template from "../templates/idefics-2.jinja";

/**
 * Idefics2: `User:`/`Assistant:` turns ending in `<end_of_utterance>`, content always a list of blocks (the original
 * indexes `content[0]`). The trained span starts after `Assistant:` (the generation prompt), so it holds the space
 * the original writes before text-first content.
 */
export const idefics2: TrainingTemplate = {
  id: "idefics-2",
  family: "idefics",
  displayName: "Idefics2",
  models: ["HuggingFaceM4/idefics2-8b"],
  originalSha256: ["ad18adf35123e30b9da6c5e45f617d965ea54ebaa8efec8a478a26ab66505c2f"],
  originalNormalizedSha256: ["ad18adf35123e30b9da6c5e45f617d965ea54ebaa8efec8a478a26ab66505c2f"],
  template: idefics2Template,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "<end_of_utterance>",
  // The original reads no special-token variables.
  specialTokens: {},
  differences: "",
};
