import { readFileSync } from "node:fs";
import { createRegistry, detectTemplate, normalizeTemplateText, type FamilyPlugin } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { originalTemplatePath } from "./originals.ts";

/**
 * Tests that each vendor original (a file in ../shared/templates/originals, read as bytes) is recognised as its own
 * variant of `family`: by its exact fingerprint, and by its normalised one after an editor's CRLF round trip. Close
 * revisions of one template (Gemma 4 and 4-r2, Nemotron 3 Ultra and 3.5 Lightning) must never be taken for each other.
 */
export function describeOriginalsDetected(family: FamilyPlugin, originals: Readonly<Record<string, string>>): void {
  const registry = createRegistry([family]);
  describe.each(Object.entries(originals))("%s", (file, id) => {
    const original = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));

    it(`is detected as ${id} by its fingerprint`, () => {
      expect(detectTemplate(original, registry)).toMatchObject({ variant: { id }, matchedBy: "fingerprint" });
    });

    it(`is detected as ${id} by its normalised fingerprint after an editor's round trip`, () => {
      const edited = `${normalizeTemplateText(original).replaceAll("\n", "\r\n")}\r\n`;
      expect(detectTemplate(edited, registry)).toMatchObject({ variant: { id }, matchedBy: "normalized" });
    });
  });
}
