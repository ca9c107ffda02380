import { describe, expect, it } from "vitest";
import { GenerationSpanError, TemplateRenderError, TemplateSyntaxError, hasGenerationMarkers, renderChat } from "../src/index.ts";

const spanTexts = (template: string, context: Record<string, unknown> = {}) => {
  const { text, spans } = renderChat(template, context);
  return { text, parts: spans.map(([s, e]) => text.slice(s, e)) };
};

describe("renderChat spans", () => {
  it("returns the text without markers and the block's true position", () => {
    const { text, spans } = renderChat("Q: {{ q }}\nA: {% generation %}{{ a }}<end>{% endgeneration %}\n", { q: "hi", a: "yo" });
    expect(text).toBe("Q: hi\nA: yo<end>");
    expect(spans).toEqual([[text.indexOf("yo"), text.length]]);
  });

  it.each([
    ["{%- generation -%}", "X\n  {%- generation -%}\n  body\n  {%- endgeneration -%}\n  Y", "body", "XbodyY"],
    ["{% generation %} with trim_blocks", "X\n{% generation %}\nbody\n{% endgeneration %}\nY", "body\n", "X\nbody\nY"],
    ["lstrip_blocks before the tag", "X\n    {% generation %}body{% endgeneration %}\nY", "body", "X\nbodyY"],
    ["{%+ generation %} disables lstrip", "X\n  {%+ generation %}body{% endgeneration %}", "body", "X\n  body"],
    ["{% generation +%} keeps the newline", "X{% generation +%}\nbody{% endgeneration %}\nY", "\nbody", "X\nbodyY"],
    ["left trim only", "X   {%- generation %}  body  {%- endgeneration %}   Y", "  body", "X  body   Y"],
  ])("keeps Jinja's whitespace control: %s", (_name, template, part, text) => {
    expect(spanTexts(template)).toEqual({ text, parts: [part] });
  });

  it("gives one span per loop iteration", () => {
    const out = spanTexts("{% for m in ms %}<{% generation %}{{ m }}{% endgeneration %}>{% endfor %}", { ms: ["a", "bb", ""] });
    expect(out).toEqual({ text: "<a><bb><>", parts: ["a", "bb", ""] });
  });

  it("gives nested blocks nested spans", () => {
    const { spans } = renderChat("a{% generation %}b{% generation %}c{% endgeneration %}d{% endgeneration %}e", {});
    expect(spans).toEqual([[1, 4], [2, 3]]);
  });

  it("places blocks in macros and {% set %} where their output lands (unlike transformers)", () => {
    const macro = spanTexts("{% macro say(x) %}{% generation %}{{ x }}{% endgeneration %}{% endmacro %}pre:{{ say('A') }}|{{ say('BB') }}");
    expect(macro).toEqual({ text: "pre:A|BB", parts: ["A", "BB"] });
    const set = renderChat("{% set reply %}{% generation %}R{% endgeneration %}{% endset %}0123{{ reply }}{{ reply }}", {});
    expect(set).toEqual({ text: "0123RR", spans: [[4, 5], [5, 6]] });
  });

  it("treats {% generation %} inside a string literal or comment as text", () => {
    const { text, spans } = renderChat("{{ '{% generation %}x{% endgeneration %}' }}{# {% generation %} #}", {});
    expect(text).toBe("{% generation %}x{% endgeneration %}");
    expect(spans).toEqual([]);
    expect(hasGenerationMarkers("{{ '{% generation %}' }}{{ '{% endgeneration %}' }}")).toBe(false);
  });

  it("counts spans in UTF-16 code units after emoji and CJK", () => {
    const { text, spans } = renderChat("{{ u }}{% generation %}{{ a }}{% endgeneration %}", { u: "👩‍💻漢字", a: "🙂ok" });
    expect(spans).toEqual([["👩‍💻漢字".length, text.length]]);
    expect(text.slice(...spans[0]!)).toBe("🙂ok");
  });

  it("picks span markers that neither the template nor the conversation contains, per render", () => {
    // The template holds the first marker pair as text; the second context holds the next pair.
    const template = "\ufdd0{{ q }}{% generation %}{{ a }}{% endgeneration %}\ufdd1";
    const plain = renderChat(template, { q: "q", a: "a" });
    const crowded = renderChat(template, { q: "\ufdd2\ufdd3", a: "\ufdd4" });
    expect(plain).toEqual({ text: "\ufdd0qa\ufdd1", spans: [[2, 3]] });
    expect(crowded).toEqual({ text: "\ufdd0\ufdd2\ufdd3\ufdd4\ufdd1", spans: [[3, 4]] });
  });

  it("reports a block whose output was cut before its end", () => {
    expect(() => renderChat("{% set x %}{% generation %}abc{% endgeneration %}{% endset %}{{ x[:2] }}", {})).toThrow(GenerationSpanError);
  });
});

describe("renderChat as Python Jinja2 renders", () => {
  it.each([
    ["{{ true }} {{ false }} {{ none }}", {}, "True False None"],
    ["{{ d }}", { d: { a: 1, b: "it's", c: [true, null] } }, `{'a': 1, 'b': "it's", 'c': [True, None]}`],
    ["{{ x | trim }}|{{ 'xxayy'.strip('xy') }}|{{ ' s\n'.lstrip('\\n') }}", { x: null }, "None|a| s\n"],
    ["{{ ['a', 'b', 'a'] | reject('equalto', 'a') | list }}", {}, "['b']"],
    ["a\r\nb{{ 'x\r\ny' | length }}", {}, "a\nb3"],
    ["{{ strftime_now('%A %d %B %Y %H:%M %%') }}", {}, "Sunday 05 January 2025 07:08 %"],
    // Names looked up from inner scopes: the innermost definition wins, a loop's own `set` stays in the loop.
    ["{% set x = 'outer' %}{% for i in [1] %}{{ x }}{% set x = 'inner' %}{{ x }}{% endfor %}{{ x }}", {}, "outerinnerouter"],
    ["{{ y is defined }}{% for i in [1] %}{{ y is defined }}{{ i is defined }}{% endfor %}{{ i is defined }}", {}, "FalseFalseTrueFalse"],
    ["{% if m.missing is defined %}no{% else %}{{ undefined_name is undefined }}{% endif %}", { m: {} }, "True"],
  ])("%s", (template, context, expected) => {
    expect(renderChat(template, context, { now: () => new Date(2025, 0, 5, 7, 8) }).text).toBe(expected);
  });

  it("rejects what Python rejects", () => {
    for (const template of ["{{ 'a' + 1 }}", "{{ 'a' + none }}", "{{ 'a' + {} }}", "{{ missing | tojson }}"]) {
      expect(() => renderChat(template, {}), template).toThrow(TemplateRenderError);
    }
  });
});

describe("errors", () => {
  it("names the template and says a raise_exception is a rejection", () => {
    try {
      renderChat("{{ raise_exception('Only user and assistant roles are supported!') }}", {}, { templateName: "llama-3.1" });
      expect.fail("should throw");
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateRenderError);
      expect((error as TemplateRenderError).code).toBe("TEMPLATE_RENDER");
      expect((error as TemplateRenderError).raisedByTemplate).toBe(true);
      expect((error as Error).message).toBe("Chat template llama-3.1 rejected the conversation: Only user and assistant roles are supported!");
    }
  });

  it("reports a syntax error with the template's name", () => {
    expect(() => renderChat("{% if %}", {}, { templateName: "mine" })).toThrow(/Chat template mine does not parse/);
    expect(() => renderChat("{% if %}", {})).toThrow(TemplateSyntaxError);
  });
});
