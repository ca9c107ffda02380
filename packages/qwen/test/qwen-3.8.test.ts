import { readFileSync } from "node:fs";
import {
  buildTemplateContext,
  createRegistry,
  detectTemplate,
  getTrainingChatTemplate,
  renderChat,
  tryRender,
  type ChatMessage,
} from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { qwen36, qwen38, qwenFamily } from "../src/index.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));
const original = readOriginal("qwen__3.8.jinja");

const conversation: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "4", reasoning_content: "Two plus two." },
  { role: "user", content: "And 3 + 3?" },
  { role: "assistant", content: "6", reasoning_content: "Three plus three." },
];

const render = (template: string, messages: ChatMessage[], kwargs: Record<string, unknown>) =>
  renderChat(template, buildTemplateContext({ messages }, qwen38.specialTokens, kwargs));

const systemBlock = (text: string) => text.slice(0, text.indexOf("<|im_end|>"));

describe("qwen-3.8 detection", () => {
  const registry = createRegistry([qwenFamily]);

  it("recognises the Qwen3.8 original by its fingerprint among the Qwen variants, and replaces it", () => {
    expect(detectTemplate(original, registry)).toMatchObject({ variant: { id: "qwen-3.8" }, matchedBy: "fingerprint" });
    expect(getTrainingChatTemplate(original, { registry })?.chatTemplate).toBe(qwen38.template);
  });

  it("still recognises the Qwen3.6 original as qwen-3.6", () => {
    expect(detectTemplate(readOriginal("qwen__3.6.jinja"), registry)).toMatchObject({ variant: { id: qwen36.id }, matchedBy: "fingerprint" });
  });
});

describe("qwen-3.8 reasoning_effort", () => {
  it.each([
    [{}, "Reasoning effort is set to xhigh."],
    [{ reasoning_effort: "xhigh" }, "Reasoning effort is set to xhigh."],
    [{ reasoning_effort: "low" }, "Reasoning effort is set to low."],
  ])("with %j, opens the system prompt with its instruction, as the original does", (kwargs, instruction) => {
    const rendered = render(qwen38.template, conversation, kwargs);
    expect(rendered.text).toBe(render(original, conversation, kwargs).text);
    expect(systemBlock(rendered.text)).toMatch(new RegExp(`^<\\|im_start\\|>system\\n${instruction.replace(/\./g, "\\.")} .*\\n\\nBe brief\\.$`));
  });

  it.each([[{ reasoning_effort: "medium" }], [{ enable_thinking: false }], [{ enable_thinking: false, reasoning_effort: "low" }]])(
    "with %j, adds no instruction",
    (kwargs) => {
      const rendered = render(qwen38.template, conversation, kwargs);
      expect(rendered.text).toBe(render(original, conversation, kwargs).text);
      expect(systemBlock(rendered.text)).toBe("<|im_start|>system\nBe brief.");
    },
  );

  it("writes the instruction as a system prompt of its own when there is none", () => {
    const rendered = render(qwen38.template, conversation.slice(1), { reasoning_effort: "low" });
    expect(rendered.text).toBe(render(original, conversation.slice(1), { reasoning_effort: "low" }).text);
    expect(rendered.text).toMatch(/^<\|im_start\|>system\nReasoning effort is set to low\.[^\n]*<\|im_end\|>\n<\|im_start\|>user\n/);
  });

  it("trains the same outputs whatever the effort", () => {
    const trained = (kwargs: Record<string, unknown>) => {
      const { text, spans } = render(qwen38.template, conversation, kwargs);
      return spans.map(([start, end]) => text.slice(start, end));
    };
    expect(trained({ reasoning_effort: "low" })).toEqual(trained({}));
    expect(trained({})).toEqual(["Two plus two.\n</think>\n\n4<|im_end|>", "Three plus three.\n</think>\n\n6<|im_end|>"]);
  });

  it("rejects an unknown effort with the original's message", () => {
    const context = buildTemplateContext({ messages: conversation }, qwen38.specialTokens, { reasoning_effort: "high" });
    const expected = tryRender(original, context);
    expect(expected.ok).toBe(false);
    expect(tryRender(qwen38.template, context)).toEqual(expected);
  });
});

describe("qwen-3.8 preserve_thinking", () => {
  const firstTurn = conversation.slice(0, 3);

  it("is on by default in the original: earlier reasoning stays, and the training template renders the same", () => {
    const text = render(original, conversation, {}).text;
    expect(text).toContain("<think>\nTwo plus two.\n</think>\n\n4<|im_end|>");
    expect(render(qwen38.template, conversation, {}).text).toBe(text);
    expect(qwen38.textDiffersFromOriginal?.({ messages: conversation })).toBe(false);
  });

  it("off, the original drops earlier reasoning (not prefix-preserving); the training template keeps it", () => {
    const off = { preserve_thinking: false };
    expect(render(original, firstTurn, off).text).toContain("Two plus two.");
    expect(render(original, conversation, off).text).not.toContain("Two plus two.");
    expect(render(original, conversation, off).text.startsWith(render(original, firstTurn, off).text)).toBe(false);

    const training = render(qwen38.template, conversation, off).text;
    expect(training).toBe(render(original, conversation, {}).text);
    expect(training.startsWith(render(qwen38.template, firstTurn, off).text)).toBe(true);
    expect(qwen38.textDiffersFromOriginal?.({ messages: conversation, chat_template_kwargs: off })).toBe(true);
    expect(qwen38.textDiffersFromOriginal?.({ messages: firstTurn, chat_template_kwargs: off })).toBe(false);
  });
});
