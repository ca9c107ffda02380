import { readFileSync } from "node:fs";
import { createRegistry, detectTemplate, getTrainingChatTemplate } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { gemmaFamily } from "../src/index.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));
const registry = createRegistry([gemmaFamily]);

// Hub checkpoints of Gemma 4 saved at different times carry either revision: each must map to its own variant.
const originals = [
  { file: "gemma__1.jinja", id: "gemma-1" },
  { file: "gemma__3.jinja", id: "gemma-3" },
  { file: "gemma__4.jinja", id: "gemma-4" },
  { file: "gemma__4-r2.jinja", id: "gemma-4-r2" },
  { file: "gemma__4-diffusion.jinja", id: "gemma-4-diffusion" },
];

describe("detect recognises each Gemma original as its variant", () => {
  for (const { file, id } of originals) {
    it(`${file} → ${id}`, () => {
      const original = readOriginal(file);
      expect(detectTemplate(original, registry)).toMatchObject({ variant: { id }, matchedBy: "fingerprint" });
      expect(getTrainingChatTemplate(original, { registry })?.chatTemplate).toBe(registry.get(id)?.template);
    });
  }
});
