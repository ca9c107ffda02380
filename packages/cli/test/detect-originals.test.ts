import { readFileSync } from "node:fs";
import { detectTemplate } from "@training-templates/core";
import { registry } from "@training-templates/all";
import { describe, expect, it } from "vitest";
import { makeTempDir, makeTokenizerDir, readOriginal, REPO_ROOT, runCli } from "./helpers.ts";

interface IndexEntry {
  file: string | null;
  alias_of?: string | null;
}

/** Every vendor original that a registered variant replaces, as `detect` sees it in a tokenizer folder. */
const index = JSON.parse(readFileSync(`${REPO_ROOT}../shared/templates/originals/index.json`, "utf8")) as IndexEntry[];
const files = [...new Set(index.flatMap((entry) => (entry.file && !entry.alias_of ? [entry.file] : [])))];

describe("training-templates detect recognises each original", () => {
  it("names the variant for every original a registered variant replaces", async () => {
    const cwd = await makeTempDir();
    const checked: string[] = [];
    for (const file of files) {
      const template = await readOriginal(file);
      let expected: { id: string; matchedBy: string };
      try {
        const detection = detectTemplate(template, registry);
        expected = { id: detection.variant.id, matchedBy: detection.matchedBy };
      } catch {
        continue; // a family that comes with a later issue (vision-language, newest)
      }
      const dir = await makeTokenizerDir({ configTemplate: template });
      const run = await runCli(["detect", "--tokenizer", dir], { cwd });
      expect(run.code, `${file}: ${run.stderr}`).toBe(0);
      expect(JSON.parse(run.stdout), file).toMatchObject(expected);
      if (expected.matchedBy === "fingerprint") checked.push(file);
    }
    expect(checked.length, "originals recognised by fingerprint").toBeGreaterThanOrEqual(31);
  }, 300_000);
});
