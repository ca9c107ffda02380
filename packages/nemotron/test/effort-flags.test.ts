import { readFileSync } from "node:fs";
import { buildTemplateContext, renderChat, type ChatMessage, type TrainingTemplate } from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { nemotron3Super, nemotron3Ultra, nemotronOriginalPatches } from "../src/index.ts";

// Super's `low_effort` and Ultra's `medium_effort` append a hint to the last user message only. The training
// templates keep that as the originals write it (text and spans), so these switches are not prefix-preserving:
// the conformance kit runs without them, and this file pins down what they do.
const flags: Array<[TrainingTemplate, string, string, string]> = [
  [nemotron3Super, "nemotron__3-super.jinja", "low_effort", "\n\n{reasoning effort: low}"],
  [nemotron3Ultra, "nemotron__3-ultra.jinja", "medium_effort", "\n\n{reasoning effort: efficient}"],
];

const conversation: ChatMessage[] = [
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "4", reasoning_content: "Two plus two." },
  { role: "user", content: "And 3 + 3?" },
  { role: "assistant", content: "6", reasoning_content: "Three plus three." },
];

function render(template: string, messages: ChatMessage[], kwargs: Record<string, unknown>) {
  return renderChat(template, buildTemplateContext({ messages }, {}, kwargs));
}

const trained = (rendered: { text: string; spans: ReadonlyArray<readonly [number, number]> }) =>
  rendered.spans.map(([start, end]) => rendered.text.slice(start, end));

describe.each(flags)("%s with its effort flag", (variant, originalFile, flag, hint) => {
  const original = new TextDecoder().decode(readFileSync(originalTemplatePath(originalFile)));
  const expectation = applyOriginalPatches(original, nemotronOriginalPatches);
  const withFlag = render(variant.template, conversation, { [flag]: true });
  const without = render(variant.template, conversation, {});

  it("renders the (patched) original's text, with the hint after the last user message only", () => {
    expect(withFlag.text).toBe(render(expectation, conversation, { [flag]: true }).text);
    expect(withFlag.text.split(hint)).toHaveLength(2);
    expect(withFlag.text).toContain(`And 3 + 3?${hint}<|im_end|>`);
  });

  it("trains the same outputs as without the flag", () => {
    expect(trained(withFlag)).toEqual(trained(without));
    expect(withFlag.spans).toHaveLength(2);
  });

  it("moves the hint when a user message is appended (why the kit runs without the flag)", () => {
    const firstTurn = render(variant.template, conversation.slice(0, 2), { [flag]: true });
    expect(firstTurn.text).toContain(`What is 2 + 2?${hint}<|im_end|>`);
    expect(withFlag.text.startsWith(firstTurn.text)).toBe(false);
  });
});
