import { readFileSync } from "node:fs";
import { createRegistry, detectTemplate, normalizeTemplateText } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { lfm2Family } from "../src/index.ts";

// Each vendor original, read as bytes, is recognised as its own variant: LFM2.5 and LFM2.5-VL ship closely related
// templates, so neither may be taken for the other.
const originals: Array<[file: string, id: string]> = [
  ["lfm__2.jinja", "lfm2"],
  ["lfm__2.5.jinja", "lfm2.5"],
  ["lfm__2.5-vl.jinja", "lfm2-2.5-vl"],
];

const registry = createRegistry([lfm2Family]);

describe.each(originals)("%s", (file, id) => {
  const original = new TextDecoder().decode(readFileSync(originalTemplatePath(file)));

  it(`is detected as ${id} by its fingerprint`, () => {
    expect(detectTemplate(original, registry)).toMatchObject({ variant: { id }, matchedBy: "fingerprint" });
  });

  it(`is detected as ${id} by its normalised fingerprint after an editor's round trip`, () => {
    const edited = `${normalizeTemplateText(original).replaceAll("\n", "\r\n")}\r\n`;
    expect(detectTemplate(edited, registry)).toMatchObject({ variant: { id }, matchedBy: "normalized-fingerprint" });
  });
});
