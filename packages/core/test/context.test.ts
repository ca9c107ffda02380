import { describe, expect, it } from "vitest";
import { buildTemplateContext, renderChat, specialTokensFromConfig } from "../src/index.ts";

describe("template context", () => {
  it("reads special tokens stored as strings or { content } objects", () => {
    expect(specialTokensFromConfig({ bos_token: { content: "<s>" }, eos_token: "</s>", pad_token: null })).toEqual({ bos_token: "<s>", eos_token: "</s>" });
  });

  it("passes tools and documents as None when absent, as transformers does", () => {
    const context = buildTemplateContext({ messages: [{ role: "user", content: "hi" }] }, { bos_token: "<s>" }, { enable_thinking: false });
    expect(renderChat("{{ bos_token }}{{ tools is none }}{{ documents is none }}{{ add_generation_prompt }}{{ enable_thinking }}", context).text).toBe("<s>TrueTrueFalseFalse");
  });

  it("lets explicit kwargs override chat_template_kwargs from the record", () => {
    const context = buildTemplateContext({ messages: [], chat_template_kwargs: { enable_thinking: true, x: 1 } }, {}, { enable_thinking: false });
    expect(context).toMatchObject({ enable_thinking: false, x: 1 });
  });
});
