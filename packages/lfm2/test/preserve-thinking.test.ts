import { buildTemplateContext, renderChat, type ChatMessage, type ContentBlock, type TrainingTemplate } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { lfm25, lfm25Vl } from "../src/index.ts";

// Why lfm2.5 and lfm2-2.5-vl are trained (and run through the conformance kit) with `preserve_thinking=true`, the
// vendor's switch: without it, a turn's reasoning is dropped once a user message follows it, so its text and tokens
// change.
type Question = string | ContentBlock[];

function conversation(first: Question, reply: ChatMessage, second: Question): ChatMessage[] {
  return [{ role: "user", content: first }, reply, { role: "user", content: second }];
}

const inline: ChatMessage = { role: "assistant", content: "<think>Two plus two.</think>4" };
const field = (name: "thinking" | "reasoning" | "reasoning_content"): ChatMessage => ({ role: "assistant", content: "4", [name]: "Two plus two." });

const textCases: Array<[string, ChatMessage[]]> = [
  ["reasoning in <think> in the content", conversation("What is 2 + 2?", inline, "And 3 + 3?")],
  ["reasoning in the thinking field", conversation("What is 2 + 2?", field("thinking"), "And 3 + 3?")],
];

// LFM2.5-VL also reads `reasoning` and `reasoning_content`; its user turns carry images.
const withImage = (text: string): ContentBlock[] => [{ type: "image" }, { type: "text", text }];
const vlCases: Array<[string, ChatMessage[]]> = [
  ...textCases,
  ["an image, reasoning in <think> in the content", conversation(withImage("What is 2 + 2?"), inline, withImage("And 3 + 3?"))],
  ["an image, reasoning in the reasoning field", conversation(withImage("What is 2 + 2?"), field("reasoning"), "And 3 + 3?")],
  ["an image, reasoning in reasoning_content", conversation("What is 2 + 2?", field("reasoning_content"), withImage("And 3 + 3?"))],
];

function render(variant: TrainingTemplate, messages: ChatMessage[], kwargs: Record<string, unknown>) {
  return renderChat(variant.template, buildTemplateContext({ messages }, variant.specialTokens, kwargs));
}

describe.each([
  [lfm25.id, lfm25, textCases],
  [lfm25Vl.id, lfm25Vl, vlCases],
] as const)("%s and preserve_thinking", (_id, variant, cases) => {
  const isPrefix = (messages: ChatMessage[], kwargs: Record<string, unknown>) =>
    render(variant, messages, kwargs).text.startsWith(render(variant, messages.slice(0, 2), kwargs).text);

  it("is the kwarg the variant is trained with", () => {
    expect(variant.defaultKwargs).toEqual({ preserve_thinking: true });
  });

  it.each(cases)("with %s: the vendor's default drops it from past turns, preserve_thinking keeps it", (_, messages) => {
    expect(render(variant, messages.slice(0, 2), {}).text).toContain("<think>Two plus two.</think>4<|im_end|>");
    expect(render(variant, messages, {}).text).not.toContain("Two plus two.");
    expect(isPrefix(messages, {})).toBe(false);
    const kept = render(variant, messages, { preserve_thinking: true });
    expect(kept.text).toContain("<think>Two plus two.</think>4<|im_end|>");
    expect(isPrefix(messages, { preserve_thinking: true })).toBe(true);
    // The first reply is trained with its reasoning, and no user text (nor its <image>) is.
    const trained = kept.spans.map(([start, end]) => kept.text.slice(start, end));
    expect(trained).toEqual(["<think>Two plus two.</think>4<|im_end|>\n"]);
  });
});
