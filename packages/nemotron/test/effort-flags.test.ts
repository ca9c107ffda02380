import { readFileSync } from "node:fs";
import { buildTemplateContext, renderChat, type ChatMessage, type TrainingTemplate } from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { nemotron35Lightning, nemotron3Super, nemotron3Ultra, nemotronOriginalPatches } from "../src/index.ts";

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

// Nemotron 3.5 Lightning is Ultra's template without medium_effort: the flag is ignored, and without it the two
// training templates render the same.
describe("nemotron-3.5-lightning without an effort flag", () => {
  const hint = "\n\n{reasoning effort: efficient}";

  it("renders and trains the same with medium_effort=true as without", () => {
    const withFlag = render(nemotron35Lightning.template, conversation, { medium_effort: true });
    expect(withFlag.text).not.toContain(hint);
    expect(withFlag).toEqual(render(nemotron35Lightning.template, conversation, {}));
  });

  it("renders what Ultra renders without the flag, and not what Ultra renders with it", () => {
    for (const kwargs of [{}, { enable_thinking: false }]) {
      expect(render(nemotron35Lightning.template, conversation, kwargs)).toEqual(render(nemotron3Ultra.template, conversation, kwargs));
    }
    const ultraWithFlag = render(nemotron3Ultra.template, conversation, { medium_effort: true });
    expect(render(nemotron35Lightning.template, conversation, { medium_effort: true }).text).not.toBe(ultraWithFlag.text);
  });
});
