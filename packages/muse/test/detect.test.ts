import { readFileSync } from "node:fs";
import { createRegistry, detectTemplate, getTrainingChatTemplate } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { museFamily, museGlimmer } from "../src/index.ts";

const original = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath("muse__glimmer.jinja")));
const registry = createRegistry([museFamily]);

describe("muse-glimmer detection", () => {
  it("recognises the Muse Glimmer original by its fingerprint and replaces it with the training template", () => {
    expect(detectTemplate(original, registry)).toMatchObject({ variant: { id: "muse-glimmer" }, matchedBy: "fingerprint" });
    expect(getTrainingChatTemplate(original, { registry })?.chatTemplate).toBe(museGlimmer.template);
  });

  it("recognises a copy whose header comment was edited by what it renders", () => {
    const edited = original.replace("Template: Muse Glimmer ATEM Chat Template", "Template: Muse Glimmer (local copy)");
    expect(edited).not.toBe(original);
    expect(detectTemplate(edited, registry)).toMatchObject({ variant: { id: "muse-glimmer" }, matchedBy: "behaviour" });
  });

  it("does not take a copy that ends reasoning differently for Muse Glimmer", () => {
    const changed = original.replace("+ message['reasoning_content'] + '<|eom|>'", "+ message['reasoning_content'] + '<|eot|>'");
    expect(changed).not.toBe(original);
    expect(() => detectTemplate(changed, registry)).toThrow(/not a known original/);
  });
});
