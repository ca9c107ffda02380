import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Every ```ts block in the READMEs runs as written (from the repository root), and every
 * `console.log(…); // → expected` line in it must print `expected` (a JSON string literal is compared as its value).
 * A block with more after `ts` on its fence line (```ts test-file) is another kind of file and is not run here.
 */
const root = fileURLToPath(new URL("../../../", import.meta.url));
const scratch = join(root, "tools/docs/.examples");

function readmes(): string[] {
  const packages = readdirSync(join(root, "packages")).map((name) => join(root, "packages", name, "README.md"));
  return [join(root, "README.md"), ...packages].filter((path) => {
    try {
      readFileSync(path);
      return true;
    } catch {
      return false;
    }
  });
}

function examples(markdown: string): string[] {
  return [...markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** `console.log(a, b); // → x` becomes an assertion that the printed line is `x`. */
function withAssertions(code: string): string {
  const asserted = code.replace(/^(\s*)console\.log\((.*)\);\s*\/\/ → (.+)$/gm, (_line, indent: string, args: string, expected: string) => {
    const value = expected.startsWith('"') ? expected : JSON.stringify(expected);
    return `${indent}__expectPrinted([${args}], ${value});`;
  });
  return `import { expect as __expect } from "vitest";\nconst __expectPrinted = (values: unknown[], expected: string) => __expect(values.map((v) => String(v)).join(" ")).toBe(expected);\n${asserted}\nexport {};\n`;
}

mkdirSync(scratch, { recursive: true });
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

for (const readme of readmes()) {
  const blocks = examples(readFileSync(readme, "utf8"));
  if (blocks.length === 0) continue;
  describe(relative(root, readme), () => {
    blocks.forEach((code, index) => {
      it(`example ${index + 1} runs and prints what it says`, async () => {
        const file = join(scratch, `${relative(root, readme).replace(/[/.]/g, "_")}-${index}.ts`);
        writeFileSync(file, withAssertions(code));
        const cwd = process.cwd();
        process.chdir(root);
        try {
          await expect(import(/* @vite-ignore */ file)).resolves.toBeDefined();
        } finally {
          process.chdir(cwd);
        }
      });
    });
  });
}

describe("the root README's family table", () => {
  it("names every registered variant and every family package", async () => {
    const { families, registry } = await import("@training-templates/all");
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("## Supported families"), readme.indexOf("## Packages"));
    for (const family of families) {
      const name = family.variants[0]?.family ?? family.family;
      expect(table, `the package of ${family.family}`).toContain(`\`@training-templates/${packageOf(family.family)}\``);
      void name;
    }
    const missing = registry.variants.map((variant) => variant.id).filter((id) => !table.includes(`\`${id}\``) && !coveredBySuffix(table, id));
    expect(missing, "variants missing from the table").toEqual([]);
  });
});

/** Family names are package names except where the package name says more (`phi3` for family `phi3`, …). */
function packageOf(family: string): string {
  return family;
}

/** `cohere-command-r-v01-tool-use` is written as `cohere-command-r-v01` (+ `-tool-use`, …) in the table. */
function coveredBySuffix(table: string, id: string): boolean {
  const dash = id.search(/-(tool-use|rag)$/);
  return dash !== -1 && table.includes(`\`${id.slice(0, dash)}\``) && table.includes(`\`${id.slice(dash)}\``);
}
