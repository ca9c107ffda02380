import type { Conversation, OriginalPatch, TrainingTemplate } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { buildCases } from "../src/cases.ts";
import { applyOriginalPatches } from "../src/suite.ts";
import { checkRenderForTraining } from "../src/training-render-checks.ts";

/**
 * The kit's per-record check (core's `renderForTraining`, strategy fingerprint, onMismatch "throw") must pass a
 * variant whose text is the original's or its declared patches', and name the variant, the case and the error for
 * every other. Templates are small ChatML edits written inline, as in kit-catches-mistakes.test.ts.
 */
const chatml = (systemRule: string) =>
  [
    "{%- for message in messages %}",
    systemRule,
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}",
    "{%- endfor %}",
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
  ].join("\n");
const original = chatml("");

/** A training template whose assistant turns write `reply` (an expression) then `<|im_end|>`, the reply trained. */
const training = (reply: string) =>
  [
    "{%- for message in messages %}",
    "{%- if message.role == 'assistant' %}",
    `{{- '<|im_start|>assistant\\n' }}{%- generation %}{{- ${reply} + '<|im_end|>' }}{%- endgeneration %}{{- '\\n' }}`,
    "{%- else %}",
    "{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}",
    "{%- endif %}",
    "{%- endfor %}",
    "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
  ].join("\n");

const hasReply = (conversation: Conversation) => conversation.messages.some((message) => message.role === "assistant");

/** The original patched to end every reply with '!', as `training("message.content + '!'")` does. */
const exclaim = (mark: string): OriginalPatch[] => [
  {
    find: "message.content + '<|im_end|>\\n'",
    replace: `message.content + ('${mark}' if message.role == 'assistant' else '') + '<|im_end|>\\n'`,
    why: "test: replies end with a mark",
  },
];

const variant = (template: string, declared: Partial<TrainingTemplate> = {}): TrainingTemplate => ({
  id: "chatml-render-test",
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
  ...declared,
});

const now = new Date(2025, 0, 1);
const check = (tested: TrainingTemplate, model = original) => {
  const options = { variant: tested, original: { text: model }, tokenizer: { dir: "", description: "" }, conversations: 60, features: { tools: false } };
  // The expectation the kit builds: the original with the variant's patches (if any).
  const cases = buildCases(options, model, applyOriginalPatches(model, tested.originalPatches ?? []), now);
  return { failures: checkRenderForTraining(cases, tested, model, now), cases };
};

describe("the renderForTraining check", () => {
  it("passes a training template that renders the original's text", () => {
    expect(check(variant(training("message.content"))).failures).toEqual([]);
  });

  it("passes a declared difference that the variant's patches account for", () => {
    const { failures, cases } = check(variant(training("message.content + '!'"), { textDiffersFromOriginal: hasReply, originalPatches: exclaim("!") }));
    expect(cases.some((c) => c.unpatched?.ok && c.expected.ok && c.unpatched.text !== c.expected.text), "the patch changes some case's text").toBe(true);
    expect(failures).toEqual([]);
  });

  it("reports an undeclared difference with the variant, the case and the first differing position", () => {
    const { failures, cases } = check(variant(training("message.content + '!'")));
    expect(failures.length).toBe(cases.filter((c) => hasReply(c.conversation)).length);
    expect(failures[0]!.message).toMatch(/^case #\d+: conversation/);
    expect(failures[0]!.message).toContain("renderForTraining with chatml-render-test");
    expect(failures[0]!.message).toMatch(/renders different text than the model's chat template: .*character \d+/s);
  });

  it("reports a declared difference that the patches do not account for", () => {
    const { failures } = check(variant(training("message.content + '!'"), { textDiffersFromOriginal: hasReply, originalPatches: exclaim("?") }));
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0]!.message).toMatch(/declared differences \(its patches of the original\) do not account for this record's text/);
  });

  it("accepts that renderForTraining refuses what the original refuses, though the training template renders it", () => {
    const refusing = chatml("{%- if message.role == 'system' %}{{- raise_exception('no system messages') }}{%- endif %}");
    const { failures, cases } = check(variant(training("message.content")), refusing);
    expect(cases.filter((c) => !c.expected.ok && c.training.ok).length, "the generator writes system messages").toBeGreaterThan(0);
    // renderForTraining renders the original first and throws its refusal: no record is trained, nothing to report.
    expect(failures).toEqual([]);
  });
});
