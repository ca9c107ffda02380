import type { TrainingTemplate } from "@training-templates/core";
import nemotron35LightningTemplate from "../templates/nemotron-3.5-lightning.jinja";
import { nemotron3Ultra } from "./nemotron-3-ultra.ts";

/**
 * Nemotron 3.5 Lightning: Nemotron 3 Ultra's template without the `medium_effort` flag (nothing else differs), so
 * it takes Ultra's training template, fix and reasoning layout as they are.
 */
export const nemotron35Lightning: TrainingTemplate = {
  ...nemotron3Ultra,
  id: "nemotron-3.5-lightning",
  displayName: "Nemotron 3.5 Lightning",
  models: ["nvidia/NVIDIA-Nemotron-3.5-Lightning"],
  originalSha256: ["58933db77d3099b4f78c55a38347a72e1ea05b97d6bd8f38775303dc0194e0a9"],
  originalNormalizedSha256: ["58933db77d3099b4f78c55a38347a72e1ea05b97d6bd8f38775303dc0194e0a9"],
  template: nemotron35LightningTemplate,
};
