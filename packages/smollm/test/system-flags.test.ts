import { readFileSync } from "node:fs";
import { buildTemplateContext, renderChat, type ChatMessage } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { smollm3 } from "../src/index.ts";

// The conformance kit switches thinking with `enable_thinking`; SmolLM3 also reads `/think` and `/no_think` from
// the system message (they override the kwarg), which generated text never contains.
const original = new TextDecoder().decode(readFileSync(originalTemplatePath("smollm__3.jinja")));
const now = () => new Date(2025, 6, 26);

function render(template: string, messages: ChatMessage[], kwargs: Record<string, unknown>, addGenerationPrompt = false) {
  const context = buildTemplateContext({ messages, add_generation_prompt: addGenerationPrompt }, smollm3.specialTokens, kwargs);
  return renderChat(template, context, { now });
}

const dialogue = (system: string): ChatMessage[] => [
  { role: "system", content: system },
  { role: "user", content: "Name a colour." },
  { role: "assistant", content: "Blue." },
];

describe("smollm-3 with /think and /no_think in the system message", () => {
  it.each([
    ["/no_think Be brief.", {}, "<|im_start|>assistant\n<think>\n\n</think>\n"],
    ["Be brief. /think", { enable_thinking: false }, "<|im_start|>assistant\n"],
  ])("%s (kwargs %j): same text as the original, the reply and <|im_end|> trained after the prompt", (system, kwargs, prompt) => {
    const training = render(smollm3.template, dialogue(system), kwargs);
    expect(training.text).toBe(render(original, dialogue(system), kwargs).text);
    expect(training.spans).toHaveLength(1);
    const [start, end] = training.spans[0]!;
    expect(training.text.slice(start - prompt.length, start)).toBe(prompt);
    expect(training.text.slice(start, end)).toBe("Blue.<|im_end|>");
    // That prompt is what the template itself writes to ask for the reply.
    const question = dialogue(system).slice(0, 2);
    expect(render(smollm3.template, question, kwargs, true).text).toBe(render(smollm3.template, question, kwargs).text + prompt);
  });
});
