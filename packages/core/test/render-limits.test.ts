import { describe, expect, it } from "vitest";
import { charTokenizer as charTokenizerOf } from "./char-tokenizer.ts";
import {
  applyChatTemplate,
  describeRenderEngine,
  renderChat,
  TemplateLimitError,
  TemplateRenderError,
  type RenderOptions,
} from "../src/index.ts";
import { DEFAULT_RENDER_LIMITS } from "../src/render/render-limits.ts";

const ENGINES = ["compiled", "interpreter"] as const;
const messages = [{ role: "user", content: "hi" }];

/** The error a render throws (the test fails if it renders). */
function failure(template: string, options: RenderOptions, context: Record<string, unknown> = { messages }): Error {
  try {
    renderChat(template, context, { templateName: "hostile.jinja", ...options });
  } catch (error) {
    return error as Error;
  }
  throw new Error("the template rendered");
}

function expectLimit(error: Error, limit: string, bound: number): void {
  expect(error).toBeInstanceOf(TemplateLimitError);
  expect(error).toMatchObject({ code: "TEMPLATE_LIMIT", limit, bound });
  expect(error.message).toMatch(/^Chat template hostile\.jinja exceeded a render limit: /);
  expect(error.message).toContain(`(${limit})`);
}

/** ~48 KB of text, so a loop printing it reaches the output limit within a few hundred prints. */
const BIG = "{% set big = range(10000) | join(',') %}";
const GIGABYTES = `${BIG}{% for i in range(100000) %}{% for j in range(100000) %}{{ big }}{% endfor %}{% endfor %}`;
/** 10^15 iterations printing nothing: only the clock stops it. */
const NEVER_ENDS = "{% for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}{% endfor %}{% endfor %}{% endfor %}";
const RECURSES = "{% macro f(n) %}[{{ f(n + 1) }}]{% endmacro %}{{ f(0) }}";
const MUTUAL = "{% macro a(n) %}{{ b(n) }}{% endmacro %}{% macro b(n) %}{{ a(n + 1) }}{% endmacro %}{{ a(0) }}";
const depth = (n: number) => `{% macro f(n) %}{% if n < ${n} %}{{ f(n + 1) }}{% else %}{{ n }}{% endif %}{% endmacro %}{{ f(1) }}`;

describe("the templates under test compile, so both renderers are exercised", () => {
  it.each([GIGABYTES, NEVER_ENDS, RECURSES, MUTUAL, depth(3)])("%s", (template) => {
    expect(describeRenderEngine(template)).toEqual({ engine: "compiled" });
  });
});

describe.each(ENGINES)("Jinja2's sandbox (%s)", (engine) => {
  it("refuses a range above MAX_RANGE before making an item, with Jinja2's message; MAX_RANGE items are fine", () => {
    const error = failure("{% for i in range(100000000) %}{{ i }}{% endfor %}", { engine });
    expect(error).toBeInstanceOf(TemplateRenderError);
    expect(error.message).toBe("Chat template hostile.jinja failed while rendering: Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).");
    expect(renderChat("{{ range(100000) | length }}|{{ range(0, 200000, 2) | last }}", {}, { engine }).text).toBe("100000|199998");
  });

  it("refuses changing the conversation and reading Python internals", () => {
    expect(failure("{{ messages.append(messages[0]) }}", { engine }).message).toMatch(/: access to attribute 'append' of 'list' object is unsafe\.$/);
    expect(failure("{{ messages[0].update({'role': 'system'}) }}", { engine }).message).toMatch(/: access to attribute 'update' of 'dict' object is unsafe\.$/);
    expect(failure("{{ messages.__class__.__mro__ }}", { engine }).message).toMatch(/: access to attribute '__class__' of 'list' object is unsafe\.$/);
    expect(renderChat("[{{ messages.__class__ }}]", { messages }, { engine }).text).toBe("[]");
  });
});

describe.each(ENGINES)("render limits (%s)", (engine) => {
  it("ends nested loops that would write gigabytes at the default output limit (32 Mi characters)", () => {
    expectLimit(failure(GIGABYTES, { engine }), "maxOutputLength", DEFAULT_RENDER_LIMITS.maxOutputLength);
  });

  it("lets a render produce exactly maxOutputLength characters, not one more", () => {
    const template = "{% for i in range(10) %}abc{% endfor %}{{ tail }}";
    expect(renderChat(template, { tail: "" }, { engine, limits: { maxOutputLength: 30 } }).text).toBe("abc".repeat(10));
    expectLimit(failure(template, { engine, limits: { maxOutputLength: 30 } }, { tail: "!" }), "maxOutputLength", 30);
  });

  it("counts text captured by {% set %} blocks and macros that is never printed", () => {
    const template = "{% for i in range(1000) %}{% set captured %}0123456789{% endset %}{% endfor %}done";
    expectLimit(failure(template, { engine, limits: { maxOutputLength: 5000 } }), "maxOutputLength", 5000);
  });

  it("refuses a string a filter or method makes longer than maxOutputLength, before the next step walks it", () => {
    const indented = "{{ ('x' | indent(400000000, true)) | length }}";
    const centered = "{{ 'x'.center(100000000) | length }}";
    expect(describeRenderEngine(indented).engine).toBe("compiled");
    for (const template of [indented, centered]) {
      const error = failure(template, { engine });
      expectLimit(error, "maxOutputLength", DEFAULT_RENDER_LIMITS.maxOutputLength);
      expect(error.message).toContain("a filter or method made a string of more than 33554432 characters");
    }
    expect(renderChat("{{ 'x'.center(1000) | length }}", {}, { engine }).text).toBe("1000");
  });

  it("ends a template that never ends at timeoutMs, within the bound's order of magnitude", () => {
    const timeoutMs = 200;
    const start = performance.now();
    expectLimit(failure(NEVER_ENDS, { engine, limits: { timeoutMs } }), "timeoutMs", timeoutMs);
    const elapsed = performance.now() - start;
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs);
    expect(elapsed).toBeLessThan(timeoutMs * 10);
  });

  it("ends runaway macro recursion, direct or mutual, at maxMacroDepth instead of the JavaScript stack", () => {
    expectLimit(failure(RECURSES, { engine }), "maxMacroDepth", 200);
    expectLimit(failure(MUTUAL, { engine }), "maxMacroDepth", 200);
  });

  it("renders recursion as deep as Python Jinja2 allows (about 190), and exactly maxMacroDepth levels", () => {
    expect(renderChat(depth(150), {}, { engine }).text).toBe("150");
    expect(renderChat(depth(10), {}, { engine, limits: { maxMacroDepth: 10 } }).text).toBe("10");
    expectLimit(failure(depth(11), { engine, limits: { maxMacroDepth: 10 } }), "maxMacroDepth", 10);
  });

  it("counts depth, not calls: a macro called 100,000 times in a loop is fine", () => {
    const template = "{% macro one() %}1{% endmacro %}{% for i in range(100) %}{% for j in range(1000) %}{{ one() }}{% endfor %}{% endfor %}";
    expect(renderChat(template, {}, { engine, limits: { maxMacroDepth: 1 } }).text).toHaveLength(100_000);
  });

  it("leaves the next render a fresh budget after an error", () => {
    failure(RECURSES, { engine });
    expect(renderChat(depth(150), {}, { engine }).text).toBe("150");
  });
});

describe("a limit hit in the compiled render is not rendered a second time by the interpreter", () => {
  it("the template's function is called as often as in one interpreted render", () => {
    const template = "{% for i in range(100000) %}{{ tick() }}0123456789{% endfor %}";
    const callsUntilLimit = (engine: "compiled" | "interpreter") => {
      let calls = 0;
      const context = { tick: () => (calls++, "") };
      failure(template, { engine, limits: { maxOutputLength: 10_000 } }, context);
      return calls;
    };
    expect(callsUntilLimit("interpreter")).toBe(1001);
    expect(callsUntilLimit("compiled")).toBe(1001);
  });
});

describe("limits are options", () => {
  it("rejects a limit that is not a number ≥ 0", () => {
    expect(() => renderChat("x", {}, { limits: { timeoutMs: -1 } })).toThrow(/timeoutMs must be a number ≥ 0/);
  });

  it("Infinity lifts a limit; what Jinja2's sandbox refuses is still refused", () => {
    const limits = { maxMacroDepth: Infinity, maxOutputLength: Infinity, timeoutMs: Infinity };
    expect(renderChat(depth(300), {}, { limits }).text).toBe("300");
    expect(failure("{{ range(100001) | length }}", { limits })).toBeInstanceOf(TemplateRenderError);
  });
});

describe("applyChatTemplate", () => {
  const charTokenizer = charTokenizerOf();

  it("passes its limits option to the render", async () => {
    const options = { chatTemplate: depth(3), templateName: "hostile.jinja" };
    await expect(applyChatTemplate(charTokenizer, messages, options)).resolves.toMatchObject({ text: "3" });
    const error = await applyChatTemplate(charTokenizer, messages, { ...options, limits: { maxMacroDepth: 2 } }).catch((caught: Error) => caught);
    expectLimit(error as Error, "maxMacroDepth", 2);
  });

  it("a record with content blocks meets a limit once: the content blocks probe does not render it again joined", async () => {
    let calls = 0;
    const template = "{% for i in range(100000) %}{{ tick() }}0123456789{% endfor %}";
    const blocks = [{ role: "user", content: [{ type: "text", text: "hi" }] }];
    const error = await applyChatTemplate(charTokenizer, blocks as never, {
      chatTemplate: template,
      templateName: "hostile.jinja",
      contentBlocks: "reject",
      templateKwargs: { tick: () => (calls++, "") },
      limits: { maxOutputLength: 10_000 },
    }).catch((caught: Error) => caught);
    expectLimit(error as Error, "maxOutputLength", 10_000);
    expect(calls).toBe(1001);
  });
});
