import { registry } from "@training-templates/all";
import { beforeAll, describe, expect, test } from "vitest";
import { makeTempDir, runCli } from "./helpers.ts";

let cwd: string;
beforeAll(async () => {
  cwd = await makeTempDir();
});

describe("list", () => {
  test("prints every family and, under it, each of its variants with its end-of-turn token", async () => {
    const run = await runCli(["list"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.trimEnd().split("\n");
    for (const family of registry.families) {
      const header = lines.findIndex((text) => text.startsWith(`${family.displayName} (${family.family})`));
      expect(header).toBeGreaterThanOrEqual(0);
      for (const [offset, variant] of family.variants.entries()) {
        const row = lines[header + 1 + offset]!;
        expect(row.trim().split(/\s+/)[0]).toBe(variant.id);
        expect(row).toContain(variant.displayName);
        expect(row).toContain(variant.endOfTurn);
        for (const model of variant.models) expect(row).toContain(model);
      }
    }
    const variants = registry.families.reduce((sum, family) => sum + family.variants.length, 0);
    expect(run.stdout).toContain(`${variants} variant`);
  });

  test("--json gives the same as data", async () => {
    const run = await runCli(["list", "--json"], { cwd });
    expect(run.code).toBe(0);
    const families = JSON.parse(run.stdout) as Array<{ family: string; variants: Array<{ id: string; endOfTurn: string; supportsTools: boolean; models: string[] }> }>;
    expect(families.map((family) => family.family)).toEqual(registry.families.map((family) => family.family));
    for (const [index, family] of registry.families.entries()) {
      expect(families[index]!.variants).toEqual(
        family.variants.map((variant) =>
          expect.objectContaining({ id: variant.id, endOfTurn: variant.endOfTurn, supportsTools: variant.supportsTools, models: variant.models }),
        ),
      );
    }
  });

  test("a stray argument is a usage error", async () => {
    const run = await runCli(["list", "qwen"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Usage: training-templates list");
  });
});
