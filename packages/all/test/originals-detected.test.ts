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


const dir = dirname(originalTemplatePath("index.json"));
const index = JSON.parse(readFileSync(`${dir}/index.json`, "utf8")) as IndexEntry[];
/** Every original in the corpus: each family it holds has a package now. */
const COVERED_FILES = new Set(index.flatMap((entry) => (entry.file ? [entry.file] : [])));

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
