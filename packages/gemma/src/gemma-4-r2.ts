import type { TrainingTemplate } from "@training-templates/core";
import gemma4R2Template from "../templates/gemma-4-r2.jinja";
import { gemma4R2TextDiffersFromOriginal } from "./gemma-4-text-differs.ts";
import { gemma4 } from "./gemma-4.ts";
import { gemma4R2OriginalPatches } from "./gemma-4-r2-original-patches.ts";

/**
 * Gemma 4, later revision of the template (r2): as the April 2026 one, plus a system message whose content is a list
 * of text blocks, tool parameter keys filtered only at the top level, and a turn closed after its tool responses
 * only when its content writes something. Checkpoints saved at different times carry either revision.
 */
export const gemma4R2: TrainingTemplate = {
  ...gemma4,
  id: "gemma-4-r2",
  displayName: "Gemma 4 (later template revision)",
  originalSha256: ["33204f1acb5bd0002713e16a593847f24ceeafe711ed88bda2a352dc996a3373"],
  originalNormalizedSha256: ["33204f1acb5bd0002713e16a593847f24ceeafe711ed88bda2a352dc996a3373"],
  template: gemma4R2Template,
  textDiffersFromOriginal: gemma4R2TextDiffersFromOriginal,
  originalPatches: gemma4R2OriginalPatches,
};
