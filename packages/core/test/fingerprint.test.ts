import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fingerprint, normalizedFingerprint, normalizeTemplateText } from "../src/index.ts";

const originals = fileURLToPath(new URL("../../../../shared/templates/originals/", import.meta.url));

describe("fingerprints", () => {
  it("equal the sha256 of the original file's bytes, for every original in the corpus", () => {
    const index = JSON.parse(readFileSync(`${originals}index.json`, "utf8")) as Array<{ file: string | null; sha256?: string }>;
    const files = index.filter((entry) => entry.file);
    expect(files.length).toBeGreaterThan(40);
    for (const entry of files) {
      const bytes = readFileSync(`${originals}${entry.file}`);
      expect(fingerprint(new TextDecoder().decode(bytes)), entry.file!).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(entry.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
  });

  it("keeps the CR bytes of an original read as bytes", () => {
    const falcon = new TextDecoder().decode(readFileSync(`${originals}falcon__7b-instruct.jinja`));
    expect(falcon).toContain("\r\n");
    expect(normalizeTemplateText(falcon)).not.toContain("\r");
  });

  it("normalised: line endings, trailing whitespace and trailing newlines do not count; other changes do", () => {
    const base = "{% for m in messages %}\n  {{ m.content }}\n{% endfor %}";
    expect(normalizedFingerprint(base.replace(/\n/g, "  \r\n") + "\n\n")).toBe(normalizedFingerprint(base));
    expect(normalizedFingerprint(base.replace("  {{", "    {{"))).not.toBe(normalizedFingerprint(base));
    expect(fingerprint(base + "\n")).not.toBe(fingerprint(base));
  });
});
