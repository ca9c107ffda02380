import { readFileSync } from "node:fs";
import type { TrainingTemplate } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { buildCases } from "../src/cases.ts";
import { originalTemplatePath } from "../src/originals.ts";
import { checkAssistantSpans, checkTextPrefixPreservation } from "../src/span-checks.ts";
import { checkTextIdentity } from "../src/text-checks.ts";

/**
 * The kit's checks must fail on the mistakes training templates are prone to. Each broken template here is a small
 * edit of a correct one (written inline from the Qwen2.5-style ChatML layout), and each must be reported.
 */
const original = [
  "{%- for message in messages %}",
  "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}",
  "{%- endfor %}",
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
].join("\n");

const assistantTurn = (body: string) =>
  [
    "{%- for message in messages %}",
    "{%- if message.role == 'assistant' %}",
    body,
    "{%- else %}",
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}",
    "{%- endif %}",
    "{%- endfor %}",
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
  ].join("\n");

const correct = assistantTurn("{{- '<|im_start|>assistant\\n' }}{%- generation %}{{- message.content + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}");

const variant = (template: string): TrainingTemplate => ({
  id: "chatml-test",
  family: "test",
  displayName: "test",
  models: [],
  originalSha256: [],
  originalNormalizedSha256: [],
  template,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: {},
  differences: "",
});

const now = new Date(2025, 0, 1);
const run = (template: string) => {
  const options = { variant: variant(template), original: { text: original }, tokenizer: { dir: "", description: "" }, conversations: 60, features: { tools: false } };
  const cases = buildCases(options, original, original, now);
  return {
    text: checkTextIdentity(cases, options.variant),
    spans: checkAssistantSpans(cases, { variant: options.variant, expectationTemplate: original, endOfTurnTokens: ["<|im_end|>"], now }),
    prefix: checkTextPrefixPreservation(cases, options.variant, now),
  };
};

describe("the kit's checks", () => {
  it("pass a correct training template", () => {
    const result = run(correct);
    expect(result).toEqual({ text: [], spans: [], prefix: [] });
  });

  it("report a role header inside the span", () => {
    const failures = run(assistantTurn("{%- generation %}{{- '<|im_start|>assistant\\n' + message.content + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}")).spans;
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.message).toMatch(/the role header or prompt is trained/);
    expect(failures[0]!.message).toContain("⟦<|im_start|>assistant");
  });

  it("report an end-of-turn token left outside the span", () => {
    const failures = run(assistantTurn("{{- '<|im_start|>assistant\\n' }}{%- generation %}{{- message.content }}{%- endgeneration %}{{- '<|im_end|>\\n' }}")).spans;
    expect(failures[0]?.message).toMatch(/does not end with <\|im_end\|>/);
  });

  it("report a text change with the first differing position", () => {
    const failures = run(assistantTurn("{{- '<|im_start|>assistant\\n' }}{%- generation %}{{- message.content | trim + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}")).text;
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.message).toMatch(/first difference at character \d+/);
  });

  it("report a turn whose text changes when messages follow", () => {
    const failures = run(assistantTurn("{{- '<|im_start|>assistant\\n' }}{%- generation %}{{- (message.content if loop.last else '') + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}")).prefix;
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.message).toMatch(/is not a prefix/);
  });
});

it("reads originals as bytes: the CRLF inside Falcon's template survives", () => {
  expect(readFileSync(originalTemplatePath("falcon__7b-instruct.jinja"), "utf8")).toContain("\r\n");
});
