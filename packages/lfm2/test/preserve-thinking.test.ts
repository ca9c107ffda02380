import { buildTemplateContext, renderChat, type ChatMessage } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { lfm25 } from "../src/index.ts";

// Why lfm2.5 is trained (and run through the conformance kit) with `preserve_thinking=true`, the vendor's switch:
// without it, a turn's reasoning is dropped once a user message follows it, so its text and tokens change.
const firstTurn: ChatMessage[] = [
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "<think>Two plus two.</think>4" },
];
const inlineReasoning = [...firstTurn, { role: "user", content: "And 3 + 3?" }];
const fieldReasoning: ChatMessage[] = [
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "4", thinking: "Two plus two." },
  { role: "user", content: "And 3 + 3?" },
];

function render(messages: ChatMessage[], kwargs: Record<string, unknown>) {
  return renderChat(lfm25.template, buildTemplateContext({ messages }, lfm25.specialTokens, kwargs));
}

const isPrefix = (messages: ChatMessage[], kwargs: Record<string, unknown>) =>
  render(messages, kwargs).text.startsWith(render(messages.slice(0, 2), kwargs).text);

describe("lfm2.5 and preserve_thinking", () => {
  it("is the kwarg the variant is trained with", () => {
    expect(lfm25.defaultKwargs).toEqual({ preserve_thinking: true });
  });

  it.each([
    ["reasoning in <think> in the content", inlineReasoning],
    ["reasoning in the thinking field", fieldReasoning],
  ])("with %s: the vendor's default drops it from past turns, preserve_thinking keeps it", (_, messages) => {
    expect(render(messages.slice(0, 2), {}).text).toContain("<think>Two plus two.</think>4<|im_end|>");
    expect(render(messages, {}).text).not.toContain("Two plus two.");
    expect(isPrefix(messages, {})).toBe(false);
    expect(render(messages, { preserve_thinking: true }).text).toContain("<think>Two plus two.</think>4<|im_end|>");
    expect(isPrefix(messages, { preserve_thinking: true })).toBe(true);
  });
});
