import { readFileSync } from "node:fs";
import { createRegistry, detectTemplate, normalizeTemplateText } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { nemotronFamily } from "../src/index.ts";

// Each vendor original, read as bytes, is recognised as its own variant: 3.5 Lightning's template is Ultra's minus
// one flag, so neither may be taken for the other.
const originals: Array<[file: string, id: string]> = [
  ["nemotron__3-nano.jinja", "nemotron-3-nano"],
  ["nemotron__3-super.jinja", "nemotron-3-super"],
  ["nemotron__3-ultra.jinja", "nemotron-3-ultra"],
  ["nemotron__3.5-lightning.jinja", "nemotron-3.5-lightning"],
];

const registry = createRegistry([nemotronFamily]);

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
