import { buildTemplateContext, renderChat, type ChatMessage, type ToolCall } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { lfm25, lfm25Vl } from "../src/index.ts";

// What LFM2.5-VL's template accepts beyond LFM2.5's, which the conformance kit's generator does not draw: flat tool
// calls and strings inside a content list. The vendor's markers must train them as they train the usual shapes.
function render(messages: ChatMessage[]) {
  const rendered = renderChat(lfm25Vl.template, buildTemplateContext({ messages }, lfm25Vl.specialTokens, lfm25Vl.defaultKwargs));
  return { text: rendered.text, trained: rendered.spans.map(([start, end]) => rendered.text.slice(start, end)) };
}

// Both shapes are outside core's message types (a string among the blocks, a call without `function`): cast on purpose.
const question = { role: "user", content: [{ type: "image" }, "What is in ", { type: "text", text: "the picture?" }] } as unknown as ChatMessage;
const call = { name: "describe", arguments: { detail: "it's \"high\"" } };
const flatCall = call as unknown as ToolCall;
const expectedCall = `<|tool_call_start|>[describe(detail='it\\'s "high"')]<|tool_call_end|>`;

describe("lfm2-2.5-vl beyond the generated conversations", () => {
  it("writes an image as <image> and strings in a content list as they are, outside the trained span", () => {
    const { text, trained } = render([question, { role: "assistant", content: "A cat." }]);
    expect(text).toContain("<|im_start|>user\n<image>What is in the picture?<|im_end|>\n");
    expect(trained).toEqual(["A cat.<|im_end|>\n"]);
  });

  it("trains a flat tool call ({name, arguments}) as it trains one under `function`", () => {
    const flat = render([question, { role: "assistant", content: "", tool_calls: [flatCall] }]);
    const nested = render([question, { role: "assistant", content: "", tool_calls: [{ type: "function", function: call }] }]);
    expect(flat.trained).toEqual([`${expectedCall}<|im_end|>\n`]);
    expect(nested).toEqual(flat);
  });

  it("rejects JSON-encoded arguments with a message saying so (LFM2.5 fails on them without one)", () => {
    const messages: ChatMessage[] = [question, { role: "assistant", content: "", tool_calls: [{ function: { name: "describe", arguments: '{"detail": "high"}' } }] }];
    expect(() => render(messages)).toThrow(/must be a mapping/);
    expect(() => renderChat(lfm25.template, buildTemplateContext({ messages: [{ role: "user", content: "Hi" }, messages[1]!] }, lfm25.specialTokens))).toThrow();
  });
});
