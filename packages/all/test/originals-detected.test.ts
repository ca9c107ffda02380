import { readFileSync } from "node:fs";
import { dirname } from "node:path";
import { detectTemplate } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { registry } from "../src/index.ts";

interface IndexEntry {
  file: string | null;
  family: string;
  variant: string;
  sha256?: string;
  alias_of?: string | null;
}

/** The originals whose families have packages (the vision-language and newest ones come with their own issues). */
const COVERED_FILES = new Set([
  "llama__3.jinja", "llama__3.1.jinja", "llama__3.2.jinja",
  "qwen__2.5.jinja", "qwen__3.jinja", "qwen__3-instruct-2507.jinja",
  "cohere__aya-expanse.jinja", "cohere__command-r-v01.jinja", "cohere__command-r-v01-tool-use.jinja", "cohere__command-r-v01-rag.jinja",
  "cohere2__tiny-aya.jinja", "cohere2__command-r7b-12-2024.jinja", "cohere2__command-r7b-12-2024-tool-use.jinja", "cohere2__command-r7b-12-2024-rag.jinja",
  "deepseek__v3.jinja", "deepseek__r1.jinja",
  "gemma__1.jinja",
  "glm__4.5.jinja",
  "gpt-oss__20b.jinja",
  "phi__3.jinja", "phi__3.5.jinja",
  "mistral__v0.1.jinja", "mistral__v0.3.jinja",
  "lfm__2.jinja", "lfm__2.5.jinja",
  "nemotron__3-nano.jinja", "nemotron__3-super.jinja", "nemotron__3-ultra.jinja",
  "olmo__3-think.jinja",
  "smollm__3.jinja",
  "falcon__7b-instruct.jinja",
]);

const dir = dirname(originalTemplatePath("index.json"));
const index = JSON.parse(readFileSync(`${dir}/index.json`, "utf8")) as IndexEntry[];

describe("every covered original is recognised by its fingerprint", () => {
  for (const file of COVERED_FILES) {
    it(file, () => {
      const template = new TextDecoder().decode(readFileSync(`${dir}/${file}`));
      const entries = index.filter((entry) => entry.file === file);
      expect(entries.length, `${file} is in index.json`).toBeGreaterThan(0);
      const detection = detectTemplate(template, registry);
      expect(detection.matchedBy).toBe("fingerprint");
      expect(detection.variant.family === entries[0]!.family || detection.variant.id.startsWith(entries[0]!.family)).toBe(true);
      // Every hub model the corpus lists for this file (aliases included) is named by the variant.
      const models = index.filter((entry) => entry.file === file).flatMap((entry) => (entry as { models?: string[] }).models ?? []);
      for (const model of models) expect(detection.variant.models, `${detection.variant.id} lists ${model}`).toContain(model);
    });
  }
});
