import { describe, expect, it } from "vitest";
import { buildTemplateContext } from "../src/render/context.ts";
import { renderChat } from "../src/render/render-chat.ts";
import { rendersSameText } from "../src/render/same-text.ts";
import type { Conversation } from "../src/types.ts";

const ORIGINAL = "{% for m in messages %}<{{ m.role }}>  {{ m.content }}\n{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}";

const conversation: Conversation = {
  messages: [
    { role: "user", content: "Hi" },
    { role: "assistant", content: "Hello" },
  ],
  add_generation_prompt: false,
};
const textOf = (template: string) => renderChat(template, buildTemplateContext(conversation, {})).text;

describe("rendersSameText: a training template proven to render the original's text", () => {
  const cases: Array<[string, string, boolean]> = [
    ["markers around a whole reply", "{% for m in messages %}<{{ m.role }}>  {% generation %}{{ m.content }}\n{% endgeneration %}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", true],
    ["markers inside an if of its own", "{% for m in messages %}<{{ m.role }}>  {% if m.role == 'assistant' %}{% generation %}{{ m.content }}\n{% endgeneration %}{% else %}{{ m.content }}\n{% endif %}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", false],
    ["an end tag whose trim_blocks eats the newline after it", "{% for m in messages %}<{{ m.role }}>  {% generation %}{{ m.content }}{% endgeneration %}\n{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", false],
    ["a tag whose `-` strips the spaces before it", "{% for m in messages %}<{{ m.role }}>  {%- generation %}{{ m.content }}\n{% endgeneration %}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", false],
    ["a changed text", "{% for m in messages %}<{{ m.role }}> {% generation %}{{ m.content }}\n{% endgeneration %}{% endfor %}{% if add_generation_prompt %}<assistant>{% endif %}", false],
  ];

  it.each(cases)("%s: %s", (_, training, proven) => {
    expect(rendersSameText(training, ORIGINAL)).toBe(proven);
    // Proven means the same text; where the tags change the whitespace, the texts do differ.
    if (proven) expect(textOf(training)).toBe(textOf(ORIGINAL));
  });

  it("where whitespace control around a tag changes the text, the texts differ indeed", () => {
    expect(textOf(cases[2]![1])).not.toBe(textOf(ORIGINAL));
    expect(textOf(cases[3]![1])).not.toBe(textOf(ORIGINAL));
  });

  it("a template that does not parse proves nothing", () => {
    expect(rendersSameText("{% for m in messages %}{% generation %}", ORIGINAL)).toBe(false);
  });
});
