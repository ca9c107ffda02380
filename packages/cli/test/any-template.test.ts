import { beforeAll, describe, expect, test } from "vitest";
import {
  ALPACA,
  CHATML_WITH_BOS,
  EOS_LAST_ONLY,
  GRANITE_STYLE,
  INST_BOS_PER_EXCHANGE,
  PHI4_STYLE,
  REASONING_LAST_ONLY,
  THINK_PROMPT,
  TOOL_MACRO,
  VICUNA,
} from "../../core/test/template-shapes.ts";
import { deriveTokenizer } from "@training-templates/testkit";
import { makeTempDir, makeTokenizerDir, QWEN3_TOKENIZER_DIR, runCli, type CliRun } from "./helpers.ts";

/**
 * `check` on a tokenizer folder for each template shape the corpus lacks says what it will do. The folders hold the
 * Qwen3 tokenizer (its special tokens: eos `<|im_end|>`, no bos) with the shape's template as its chat template;
 * shapes with special tokens of their own get a tokenizer derived from Qwen3's with those tokens added.
 */
const SHAPES: Record<string, string> = {
  "Alpaca-style plain-text roles": ALPACA,
  "Vicuna-style roles with a system prompt": VICUNA,
  "[INST] with a BOS per exchange": INST_BOS_PER_EXCHANGE,
  "tool calls rendered by a macro": TOOL_MACRO,
  "a generation prompt that opens a think block": THINK_PROMPT,
  "ChatML that writes bos_token": CHATML_WITH_BOS,
};

/** Hub formats with their own special tokens, on tokenizers derived from Qwen3's (no real ones here). */
const DERIVED_TOKENIZER_SHAPES: Record<string, { template: string; add: string[]; eos: string }> = {
  "Phi-4-mini's format (Qwen3 tokenizer plus <|system|>, <|user|>, <|assistant|>, <|end|>, <|tool|>, <|/tool|>, <|endoftext|>)": {
    template: PHI4_STYLE,
    add: ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>", "<|tool|>", "<|/tool|>", "<|endoftext|>"],
    eos: "<|endoftext|>",
  },
  "Granite's format (Qwen3 tokenizer plus <|start_of_role|>, <|end_of_role|>, <|end_of_text|>)": {
    template: GRANITE_STYLE,
    add: ["<|start_of_role|>", "<|end_of_role|>", "<|end_of_text|>"],
    eos: "<|end_of_text|>",
  },
};

interface Report {
  detection: { recognised: boolean; reason?: string };
  trainingTemplate: { available: boolean; source: string | null; strategy: string | null; description: string };
  checks: Record<"stopToken" | "prefixPreservation" | "generationMarkers", { status: string; detail: string }>;
  verdict: { ready: boolean; summary: string };
}

let cwd: string;
beforeAll(async () => {
  cwd = await makeTempDir();
});

async function check(template: string, dir?: string): Promise<{ run: CliRun; report: Report }> {
  const run = await runCli(["check", "--tokenizer", dir ?? (await makeTokenizerDir({ configTemplate: template })), "--json"], { cwd });
  return { run, report: JSON.parse(run.stdout) as Report };
}

async function expectReady(template: string, dir?: string): Promise<void> {
  const { run, report } = await check(template, dir);
  expect(report.detection.recognised).toBe(false);
  expect(report.trainingTemplate.available).toBe(true);
  expect(["derived", "synthesized"]).toContain(report.trainingTemplate.strategy);
  expect(report.checks.stopToken.status, report.checks.stopToken.detail).toBe("pass");
  expect(report.verdict.ready, report.verdict.summary).toBe(true);
  expect(run.code).toBe(0);
}

describe("check on templates no variant knows (Qwen3 tokenizer, each shape's template)", () => {
  for (const [shape, template] of Object.entries(SHAPES)) {
    test(`${shape}: ready, with masks the library makes and verifies`, async () => {
      await expectReady(template);
    });
  }
  for (const [shape, { template, add, eos }] of Object.entries(DERIVED_TOKENIZER_SHAPES)) {
    test(`${shape}: ready, with masks the library makes and verifies`, async () => {
      await expectReady(template, deriveTokenizer({ base: QWEN3_TOKENIZER_DIR, add, config: { eos_token: eos, chat_template: template } }));
    });
  }

  test("reasoning rendered only for the last turn: derived masks (no template synthesized, it rewrites history), ready with a warning", async () => {
    const { report } = await check(REASONING_LAST_ONLY);
    expect(report.trainingTemplate.strategy).toBe("derived");
    expect(report.trainingTemplate.description).toMatch(/no training template synthesized, as it rewrites history/);
    expect(report.checks.prefixPreservation.status).toBe("warn");
    expect(report.verdict.ready, report.verdict.summary).toBe(true);
  });

  test("the eos written only after the last turn: earlier turns end without it, a warning that says so", async () => {
    const { report } = await check(EOS_LAST_ONLY);
    expect(report.checks.stopToken.status).toBe("warn");
    expect(report.checks.stopToken.detail).toMatch(/the model learns to stop only at the end of a conversation/);
  });
});
