import { readFileSync } from "node:fs";
import { checkToolCalling, supportsToolCalling } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { deepseekR1, deepseekV3 } from "../src/index.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));

describe("DeepSeek V3 and R1 train tool calls though their templates write no tool list", () => {
  for (const [variant, file] of [[deepseekV3, "deepseek__v3.jinja"], [deepseekR1, "deepseek__r1.jinja"]] as const) {
    it(`${variant.id}: core's check passes the original and the training template, and says the tool list is missing`, () => {
      for (const template of [readOriginal(file), variant.template]) {
        const result = checkToolCalling(template, { specialTokens: variant.specialTokens });
        expect(result.ok, result.detail).toBe(true);
        expect(result.detail).toMatch(/^the call and its result render.*; the template writes no tool list \(describe the tools in a system message\)$/);
      }
      expect(variant.supportsTools).toBe(supportsToolCalling(variant.template, { specialTokens: variant.specialTokens }));
    });
  }
});
