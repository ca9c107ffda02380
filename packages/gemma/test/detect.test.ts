import { readFileSync } from "node:fs";
import { createRegistry, getTrainingChatTemplate } from "@training-templates/core";
import { describeOriginalsDetected, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { gemmaFamily } from "../src/index.ts";

// Hub checkpoints of Gemma 4 saved at different times carry either revision: each must map to its own variant.
const originals = {
  "gemma__1.jinja": "gemma-1",
  "gemma__3.jinja": "gemma-3",
  "gemma__4.jinja": "gemma-4",
  "gemma__4-r2.jinja": "gemma-4-r2",
  "gemma__4-diffusion.jinja": "gemma-4-diffusion",
};

describeOriginalsDetected(gemmaFamily, originals);

describe("each Gemma original is replaced by its own variant's training template", () => {
  const registry = createRegistry([gemmaFamily]);
  for (const [file, id] of Object.entries(originals)) {
    it(`${file} → ${id}`, () => {
      const original = new TextDecoder().decode(readFileSync(originalTemplatePath(file)));
      expect(getTrainingChatTemplate(original, { registry })?.chatTemplate).toBe(registry.get(id)?.template);
    });
  }
});
