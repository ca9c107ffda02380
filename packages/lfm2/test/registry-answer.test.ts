import { readFileSync } from "node:fs";
import { checkPrefixPreservation, createRegistry, getTrainingChatTemplate } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { expect, it } from "vitest";
import { lfm2Family } from "../src/index.ts";

it.each(["lfm__2.5.jinja", "lfm__2.5-vl.jinja"])(
  "%s ships markers: the registry answers null for it, and core's check sees that past reasoning needs preserve_thinking",
  (file) => {
    const original = readFileSync(originalTemplatePath(file), "utf8");
    const registry = createRegistry([lfm2Family]);
    expect(getTrainingChatTemplate(original, { registry })).toBeNull();
    expect(checkPrefixPreservation(original).ok).toBe(false);
    expect(checkPrefixPreservation(original, { templateKwargs: { preserve_thinking: true } }).ok).toBe(true);
  },
);
