import { parse, tokenize } from "@huggingface/jinja";
import { describe, expect, it } from "vitest";
import { describeRenderEngine, renderChat, tryRender } from "../src/index.ts";
import { compileTemplate } from "../src/render/compile/index.ts";
import { prepareTemplate } from "../src/render/prepare-template.ts";
import { templateGlobals } from "../src/render/template-globals.ts";

const now = () => new Date("2025-01-02T03:04:05Z");

/** The compiled render itself (no fallback): throws where the compiled renderer hands the render back. */
function compiledText(template: string, context: Record<string, unknown> = {}): string {
  const compilation = compileTemplate(parse(tokenize(prepareTemplate(template), { lstrip_blocks: true, trim_blocks: true })));
  if (!compilation.render) throw new Error(`does not compile: ${compilation.unsupported}`);
  return compilation.render(templateGlobals(context, now, "\ufdd0", "\ufdd1"));
}

const interpreted = (template: string, context: Record<string, unknown> = {}) => tryRender(template, context, { now, engine: "interpreter" });

/** The compiled render runs to the end and prints exactly what the interpreter prints (and, if given, `expected`). */
function expectSame(template: string, context: Record<string, unknown> = {}, expected?: string): void {
  const text = compiledText(template, context);
  const reference = interpreted(template, context);
  expect(reference).toMatchObject({ ok: true });
  expect(text).toBe((reference as { text: string }).text);
  if (expected !== undefined) expect(text).toBe(expected);
}

/** The compiled render gives up, and renderChat's outcome is the interpreter's (text or error). */
function expectFallback(template: string, context: Record<string, unknown> = {}): void {
  expect(() => compiledText(template, context)).toThrow();
  expect(tryRender(template, context, { now, engine: "compiled" })).toEqual(interpreted(template, context));
}

describe("compiled rendering: printing values as Python's str()", () => {
  it("prints None, booleans, numbers, floats, lists and dicts as Python does", () => {
    const context = { d: { a: 1, "b'": [true, null, "x'y\n"], c: { e: 1.5 } }, f: 0.25, tiny: 1e-7, big: 12345678901, t: true, n: null };
    expectSame("{{ n }}|{{ t }}|{{ d }}|{{ f }}|{{ tiny }}|{{ big }}|{{ [1, 'a', none] }}|{{ undefined_name }}|{{ -3 }}", context,
      `None|True|{'a': 1, "b'": [True, None, "x'y\\n"], 'c': {'e': 1.5}}|0.25|1e-07|12345678901|[1, 'a', None]||-3`);
    expectSame("{{ d | string }}{{ n | string }}{{ (1, 'a') }}", context);
  });
});

describe("compiled rendering: operators", () => {
  it("compares across types as Python does", () => {
    expectSame(
      "{{ 1 == true }} {{ '' == false }} {{ [1, 'a'] == [1, 'a'] }} {{ d == e }} {{ none == none }} {{ x == y }} {{ 0 != none }} {{ (1, 2) == [1, 2] }}",
      { d: { a: [1] }, e: { a: [1] } },
      "True False True True True True True False",
    );
  });

  it("adds like types and falls back on a type error", () => {
    expectSame("{{ 'a' + 'b' }} {{ 1 + 2 }} {{ true + 1 }} {{ [1] + [2] }} {{ 7 - 2 }} {{ 3 * 4 }} {{ 7 // 2 }} {{ 7 % 3 }} {{ 'x' ~ 1 ~ 'y' }}", {},
      "ab 3 2 [1, 2] 5 12 3 1 x1y");
    expectSame("{{ 'a' ~ [1, 'b', none, [2, nothing], {'k': nothing}] ~ d ~ true ~ f }}", { d: { a: 1 }, f: 0.5 }, 'a1,b,undefined,[2, undefined],{"k": undefined}[object Map]true0.5');
    expectFallback("{{ 'a' + 1 }}");
    expectFallback("{{ 'a' + none }}");
    expectFallback("{{ x + 'a' }}");
  });

  it("tests membership in strings, lists and dicts", () => {
    expectSame("{{ 'a' in 'cat' }} {{ 'k' in d }} {{ 2 in [1, 2] }} {{ 'x' not in ['x'] }} {{ missing in [1] }} {{ 1 in missing }} {{ 'z' in d }}",
      { d: { k: 1 } }, "True True True False False False False");
    expectFallback("{{ missing in 'abc' }}");
  });

  it("short-circuits and/or returning the operands", () => {
    expectSame("{{ '' or 'b' }} {{ 'a' and [] }} {{ none or 0 }} {{ {} or 'e' }} {{ not [] }} {{ x.y if x is defined else 'no' }}", {}, "b [] 0 e True no");
  });
});

describe("compiled rendering: member access and slicing", () => {
  it("slices lists and strings (by code point) with negative steps", () => {
    const context = { s: "ab😀cd", xs: [1, 2, 3, 4, 5] };
    expectSame("{{ s[::-1] }} {{ xs[::-2] }} {{ xs[1:-1] }} {{ s[-3:] }} {{ xs[-1] }} {{ s[0] }} {{ xs[10] }} {{ xs[:2] }} {{ s[1:4:2] }}", context,
      "dc😀ba [5, 3, 1] [2, 3, 4] 😀cd 5 a  [1, 2] bc");
  });

  it("walks dict items in insertion order and keeps dict methods over same-named keys", () => {
    const context = { d: { b: 1, a: 2, items: "own" } };
    expectSame("{% for k, v in d.items() %}{{ k }}={{ v }};{% endfor %}{{ d.keys() }}{{ d.values() }}{{ d.get('a') }}{{ d.get('z') }}{{ d.get('z', 5) }}{{ d['items'] }}", context,
      "b=1;a=2;items=own;['b', 'a', 'items'][1, 2, 'own']2None5own");
    expectSame("{% for k in d %}{{ k }}{% endfor %}{% for k, v in d | dictsort %}{{ k }}{% endfor %}{{ d | length }}", context);
  });

  it("falls back on attribute access on an undefined value", () => {
    expectFallback("{{ nothing.attr }}");
    expectFallback("{{ m.a.b }}", { m: { b: 1 } });
  });
});

describe("compiled rendering: loops and scopes", () => {
  it("sets every loop variable", () => {
    expectSame(
      "{% for x in xs %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.revindex0 }}{{ loop.first }}{{ loop.last }}{{ loop.length }}{{ loop.previtem }}{{ loop.nextitem }}|{% endfor %}",
      { xs: ["a", "b", "c"] },
      "1032TrueFalse3b|2121FalseFalse3ac|3210FalseTrue3b|",
    );
    expectSame("{% for c in 'hé😀' %}{{ c }}.{% endfor %}{% for x in [] %}x{% else %}empty{% endfor %}{% for x in nothing %}x{% endfor %}");
    expectSame("{% for x in xs if x > 1 %}{{ x }}{{ loop.index }}{% endfor %}", { xs: [1, 2, 3] }, "2132");
  });

  it("falls back on loop.cycle, which the interpreter does not have", () => {
    expectFallback("{% for x in [1, 2] %}{{ loop.cycle('a', 'b') }}{% endfor %}");
  });

  it("drops an iteration's text on break and continue, as the interpreter does", () => {
    expectSame("{% for x in [1, 2, 3, 4] %}a{{ x }}{% if x == 2 %}{% continue %}{% endif %}{% if x == 4 %}{% break %}{% endif %}b{% endfor %}");
  });

  it("keeps namespace attributes across loop iterations and loop-scoped sets inside the loop", () => {
    expectSame(
      "{% set ns = namespace(n=0, last=none) %}{% set outer = 'o' %}{% for x in [1, 2, 3] %}{% set ns.n = ns.n + x %}{% set outer = x %}{% set ns.last = outer %}{% endfor %}{{ ns.n }} {{ ns.last }} {{ outer }}",
      {},
      "6 3 o",
    );
  });

  it("binds macro arguments, defaults and keywords, in the caller's scope", () => {
    expectSame(
      "{% macro m(a, b='B', c=a ~ '!') %}[{{ a }}{{ b }}{{ c }}{{ seen }}]{% endmacro %}{% set seen = 'S' %}{{ m(1) }}{{ m(1, 2) }}{{ m('x', c='C') }}{{ m(b=none, a=0) }}",
      {},
      "[1B1!S][121!S][xBCS][0None0!S]",
    );
    expectFallback("{% macro m(a, c=a ~ '!') %}{{ c }}{% endmacro %}{{ m() }}");
    expectFallback("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}");
    expectFallback("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(z=1) }}");
  });
});

describe("compiled rendering: tests", () => {
  it.each([
    ["defined"], ["undefined"], ["none"], ["string"], ["mapping"], ["iterable"], ["sequence"], ["number"], ["integer"],
    ["boolean"], ["true"], ["false"], ["lower"], ["upper"], ["callable"],
  ])("`is %s` on every kind of value", (test) => {
    const values = "[none, true, false, 1, 's', 'S', [1], {'a': 1}, d, (1, 2), range, d.items, nothing]";
    expectSame(`{% for v in ${values} %}{{ v is ${test} }},{{ v is not ${test} }};{% endfor %}{{ nothing is ${test} }}`, { d: { a: 1.5 } });
  });
});

describe("compiled rendering: filters", () => {
  it("serialises with tojson as the interpreter does (indent, ensure_ascii, separators)", () => {
    const context = { d: { "é": ["ü", 1, 2.5, null, true, { k: [] }], e: {} } };
    expectSame("{{ d | tojson }}\n{{ d | tojson(indent=2) }}\n{{ d | tojson(ensure_ascii=true) }}\n{{ d | tojson(separators=(',', ':')) }}\n{{ 'x' | tojson }}", context);
    expectFallback("{{ nothing | tojson }}");
  });

  it("measures strings in code points, as Python does (the library's `s.length` in UTF-16 code units), and lists by item", () => {
    expectSame("{{ '😀a' | length }} {{ '😀a' | list | length }} {{ s.length }} {{ [1, 2] | length }} {{ d | length }} {{ nothing | length }}",
      { s: "é😀", d: { a: 1 } }, "2 2 3 2 1 0");
  });

  it("tells None from an undefined value, as Python does", () => {
    expectSame("{{ [none, nothing, 1] | select('equalto', none) | list | length }} {{ [none, nothing, 2] | unique | list }}",
      {}, "1 [None, Undefined, 2]");
  });

  it("applies the string, list and dict filters", () => {
    const context = { s: "  Hello World  ", xs: [{ n: "a", t: "x" }, { n: "b", t: "y" }, { n: "c" }], d: { b: 2, A: 1 } };
    expectSame(
      "{{ s | trim }}|{{ s | upper }}|{{ s | lower }}|{{ 'ab cd' | title }}|{{ 'aB' | capitalize }}|{{ none | upper }}|{{ 'a\nb\n\nc' | indent }}|{{ 'a\nb' | indent(2, true) }}" +
        "|{{ ['a', 1, none] | join('-') }}|{{ 'abc' | join(',') }}|{{ xs | map(attribute='n') | join }}|{{ xs | map(attribute='t', default='?') | list }}" +
        "|{{ xs | selectattr('t') | list | length }}|{{ xs | rejectattr('t', 'equalto', 'x') | map(attribute='n') | join }}|{{ [1, none, 0, 2] | select | list }}" +
        "|{{ ['a', 'b'] | reject('equalto', 'a') | list }}|{{ d | dictsort }}|{{ d | items | list }}|{{ [1, 1, 2] | unique | list }}|{{ xs | first }}|{{ [3, 4] | last }}" +
        "|{{ '42' | int }}|{{ 'x' | int(7) }}|{{ -3 | abs }}|{{ nothing | default('D') }}|{{ '' | default('E', true) }}|{{ 'a-b-a' | replace('a', 'z') }}|{{ 'a-b-a' | replace('a', 'z', 1) }}|{{ 'x' | safe }}",
      context,
    );
  });
});

describe("compiled rendering: string methods", () => {
  it("splits, matches, replaces and strips as the interpreter does (Python's strip with chars)", () => {
    expectSame(
      "{{ 'a,b,,c'.split(',') }}{{ ' a  b '.split() }}{{ 'a b c'.split(' ', 1) }}{{ 'abc'.startswith('ab') }}{{ 'abc'.startswith(('x', 'a')) }}{{ 'abc'.endswith('bc') }}" +
        "{{ 'aXbXc'.replace('X', '-') }}{{ 'xxabcxx'.strip('x') }}{{ '\u3000 a \u00a0'.strip() }}{{ '..a..'.lstrip('.') }}{{ '..a..'.rstrip('.') }}{{ 'ab'.upper() }}{{ 'Ab'.lower() }}{{ 'ab cd'.title() }}{{ '😀x😀'.strip('😀') }}",
      {},
    );
    expectFallback("{{ 'abc'.split('') }}");
  });
});

describe("compiled rendering: failures and spans", () => {
  it("leaves raise_exception to the interpreter, which reports the template's own error", () => {
    expectFallback("{{ raise_exception('no system role') }}");
    const outcome = tryRender("{{ raise_exception('no system role') }}", {}, { engine: "compiled" });
    expect(outcome).toEqual({ ok: false, error: expect.stringContaining("no system role"), code: "TEMPLATE_RENDER" });
  });

  it("marks generation blocks through the compiled renderer", () => {
    const template = "{% for m in ms %}<{% generation %}{{ m }}{% endgeneration %}>{% endfor %}";
    expect(compiledText(template, { ms: ["a", "bb"] })).toBe("<\ufdd0a\ufdd1><\ufdd0bb\ufdd1>");
    expect(renderChat(template, { ms: ["a", "bb"] }, { engine: "compiled" })).toEqual(renderChat(template, { ms: ["a", "bb"] }, { engine: "interpreter" }));
  });

  it("keeps templates with unsupported constructs on the interpreter, and says why", () => {
    expect(describeRenderEngine("{{ 1.5 }}")).toEqual({ engine: "interpreter", unsupported: "expression FloatLiteral" });
    expect(describeRenderEngine("{{ x | filesizeformat }}")).toEqual({ engine: "interpreter", unsupported: "filter filesizeformat" });
    expect(describeRenderEngine("{{ x }}")).toEqual({ engine: "compiled" });
    expect(describeRenderEngine("{% if %}")).toEqual({ engine: "interpreter", unsupported: expect.stringContaining("does not parse") });
    expect(() => renderChat("{{ 1.5 }}", {}, { engine: "compiled" })).toThrow(/does not compile \(expression FloatLiteral\)/);
    expect(renderChat("{{ 1.5 }}", {}).text).toBe(renderChat("{{ 1.5 }}", {}, { engine: "interpreter" }).text);
  });

  it("renders contexts that are not plain data with the interpreter", () => {
    const template = "{{ when }}";
    const context = { when: new Date(0) };
    expect(tryRender(template, context, { engine: "compiled" })).toEqual(interpreted(template, context));
  });
});
