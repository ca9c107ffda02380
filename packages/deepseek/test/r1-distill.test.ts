import { readFileSync } from "node:fs";
import {
  checkToolCalling,
  createRegistry,
  detectTemplate,
  getTrainingChatTemplate,
  renderChat,
  supportsToolCalling,
  type ChatMessage,
} from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { deepseekFamily, deepseekR1Distill } from "../src/index.ts";

const readOriginal = (file: string) => new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(file)));
const distillOriginal = readOriginal("deepseek__r1-distill.jinja");
const registry = createRegistry([deepseekFamily]);
const specialTokens = deepseekR1Distill.specialTokens;
const render = (template: string, messages: ChatMessage[]) => renderChat(template, { messages, ...specialTokens });
const trainedParts = ({ text, spans }: { text: string; spans: readonly (readonly [number, number])[] }) => spans.map(([start, end]) => text.slice(start, end));

describe("detect recognises the R1-Distill original as deepseek-r1-distill", () => {
  it("would pass as deepseek-r1 by behaviour without a variant of its own (it renders the same on R1's probes)", () => {
    const withoutDistill = createRegistry([{ ...deepseekFamily, variants: deepseekFamily.variants.filter((variant) => variant !== deepseekR1Distill) }]);
    expect(detectTemplate(distillOriginal, withoutDistill)).toMatchObject({ variant: { id: "deepseek-r1" }, matchedBy: "behaviour" });
  });

  it("by its fingerprint, among all DeepSeek variants", () => {
    expect(detectTemplate(distillOriginal, registry)).toMatchObject({ variant: { id: "deepseek-r1-distill" }, matchedBy: "fingerprint" });
    expect(detectTemplate(readOriginal("deepseek__r1.jinja"), registry)).toMatchObject({ variant: { id: "deepseek-r1" }, matchedBy: "fingerprint" });
  });

  it("and replaces it with the distill training template", () => {
    expect(getTrainingChatTemplate(distillOriginal, { registry })?.chatTemplate).toBe(deepseekR1Distill.template);
  });
});

describe("deepseek-r1-distill does not train tool calls, and the tool-calling check says so", () => {
  it("core's check: the original writes a call only with content null (and no tool list); the training template does not train it", () => {
    const original = checkToolCalling(distillOriginal, { specialTokens });
    expect(original.ok).toBe(true);
    expect(original.detail).toBe(
      "the call and its result render (with the call's content null and its arguments as a JSON string); the template writes no tool list (describe the tools in a system message)",
    );
    const training = checkToolCalling(deepseekR1Distill.template, { specialTokens });
    // The original ends such a turn with no stop token, so the training template leaves it untrained.
    expect(training).toEqual({ ok: false, detail: "the call renders outside every generation span: it would not train" });
    expect(supportsToolCalling(deepseekR1Distill.template, { specialTokens })).toBe(false);
  });

  it("declares what the check finds (check reports a known variant's supportsTools)", () => {
    expect(deepseekR1Distill.supportsTools).toBe(supportsToolCalling(deepseekR1Distill.template, { specialTokens }));
    expect(detectTemplate(distillOriginal, registry).variant.supportsTools).toBe(false);
  });
});

describe("deepseek-r1-distill training template", () => {
  it("trains a reply whole, reasoning included, where the original keeps only the text after </think>", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "2 + 2?" },
      { role: "assistant", content: "<think>\nTwo and two.\n</think>\n\n4" },
    ];
    expect(render(distillOriginal, messages).text).toContain("<｜Assistant｜>\n\n4<｜end▁of▁sentence｜>");
    const training = render(deepseekR1Distill.template, messages);
    expect(training.text).toContain("<｜Assistant｜><think>\nTwo and two.\n</think>\n\n4<｜end▁of▁sentence｜>");
    // `<think>\n` is what the generation prompt ends with, so it stays untrained.
    expect(trainedParts(training)).toEqual(["Two and two.\n</think>\n\n4<｜end▁of▁sentence｜>"]);
    expect(deepseekR1Distill.textDiffersFromOriginal?.({ messages })).toBe(true);
  });

  it("renders a tool round trip as the original does, training the reply after the results and not the call turn", () => {
    const messages: ChatMessage[] = [
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "get_weather", arguments: '{"city": "Paris"}' } }] },
      { role: "tool", content: "18°C" },
      { role: "assistant", content: "<think>\nWarm.\n</think>18°C in Paris." },
    ];
    const training = render(deepseekR1Distill.template, messages);
    expect(training.text).toBe(render(distillOriginal, messages).text);
    // The original ends a one-call turn with no stop token, so that turn is left out rather than trained endless.
    expect(training.text).not.toContain("<｜tool▁calls▁end｜>");
    expect(trainedParts(training)).toEqual(["<think>\nWarm.\n</think>18°C in Paris.<｜end▁of▁sentence｜>"]);
    // The original writes a reply after tool results whole, so its </think> changes nothing.
    expect(deepseekR1Distill.textDiffersFromOriginal?.({ messages })).toBe(false);
  });
});
