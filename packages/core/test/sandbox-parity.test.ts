import { renderWithPython, type ReferenceRenderResult } from "@training-templates/testkit/python";
import { beforeAll, describe, expect, it } from "vitest";
import { describeRenderEngine, renderChat, TemplateRenderError, TrainingTemplatesError } from "../src/index.ts";

/**
 * What transformers' `ImmutableSandboxedEnvironment` refuses (a `range` above MAX_RANGE, Python's internal
 * attributes, the methods that modify a list or dict), rendered by Python Jinja2 as transformers sets it up and by
 * both of our renderers: the same text, or the same error message.
 */
const context = {
  messages: [
    { role: "user", content: "hi" },
    { role: "assistant", content: "hello", update: "a key named like a method" },
  ],
  n: 3,
  f: 2.5,
  flag: true,
  nothing: null,
};

const TEMPLATES = [
  // range: Jinja2's safe_range counts the items before making any
  "{% for i in range(100000000) %}x{% endfor %}",
  "{{ range(100001) | length }}",
  "{{ range(100000) | length }}",
  "{{ range(0, 200000, 2) | length }}",
  "{{ range(0, 200002, 2) | length }}",
  "{{ range(200000, 0, -1) | length }}",
  "{{ range(-100001) | length }}",
  "{{ range(100000000000000000000) | length }}",
  // the methods that modify a list or a dict, called or only read
  "{{ messages.append({'role': 'user'}) }}",
  "{% set _ = messages.append(1) %}never",
  "{% set l = [3, 1, 2] %}{{ l.sort() }}",
  "{% set l = [3, 1, 2] %}{{ l.pop() }}",
  "{% set l = [1] %}{{ l.insert(0, 2) }}",
  "{% set l = [1] %}{{ l.extend([2]) }}",
  "{% set l = [1] %}{{ l.remove(1) }}",
  "{% set l = [1] %}{{ l.reverse() }}",
  "{% set l = [1] %}{{ l.clear() }}",
  "{% set d = {'a': 1} %}{{ d.update({'b': 2}) }}",
  "{% set d = {'a': 1} %}{{ d.pop('a') }}",
  "{% set d = {'a': 1} %}{{ d.popitem() }}",
  "{% set d = {'a': 1} %}{{ d.setdefault('b', 2) }}",
  "{% set d = {'a': 1} %}{{ d.clear() }}",
  "{{ messages[0].update({'role': 'x'}) }}",
  "[{{ messages.append }}]{{ messages.append is defined }}",
  "{{ messages.append.x }}",
  "{% set f = messages.append %}{{ f(1) }}",
  "{% set c = messages.__class__ %}[{{ c }}]{{ c.x }}",
  // a dict's key wins over the method for a subscript, not for an attribute
  "{{ messages[1]['update'] }}|{{ messages[1].update }}|",
  // internal attributes: reading one gives an undefined value that prints nothing and raises when used
  "[{{ 'a'.__class__ }}]",
  "{{ 'a'.__class__.__mro__ }}",
  "{{ 'a'.__class__.__base__.__subclasses__() }}",
  "{{ n.__class__.__name__ }}",
  "{{ f.__class__.x }}",
  "{{ flag.__class__.x }}",
  "{{ nothing.__class__.x }}",
  "{{ messages.__len__() }}",
  "{{ messages[0].__class__.x }}",
  "[{{ messages[0]['__class__'] }}]",
  "{{ messages[0]['__class__'].x }}",
  "{{ (1, 2).__class__.x }}",
  "{{ raise_exception.__globals__.os }}",
  // (not `strftime_now`: transformers' is a function, the reference script's a method)
  "{{ raise_exception.__globals__ }}|{{ raise_exception.__code__.co_consts }}",
  "{{ range.__globals__.x }}",
  "{% set ns = namespace(a=1) %}{{ ns.__class__.x }}",
  "{% set ns = namespace(a=1) %}{{ ns._Namespace__attrs.update({'a': 2}) }}",
  // an attribute the object does not have is only undefined, as in Jinja2
  "[{{ 'a'.__nonexistent__ }}][{{ messages[0]._private }}]",
  // allowed: reading data, the non-mutating methods
  "{{ messages | length }} {{ messages[0].items() | list }} {{ messages[0].get('role') }} {{ 'a b'.split() }}",
];

type Outcome = { text: string } | { error: string };

/** Our error text without the library's "Chat template X failed while rendering: " prefix. */
const PREFIX = /^Chat template \S+ (failed while rendering|rejected the conversation): /;

function ours(template: string, engine: "compiled" | "interpreter"): Outcome {
  try {
    return { text: renderChat(template, context, { engine, templateName: "sandbox" }).text };
  } catch (error) {
    if (!(error instanceof TrainingTemplatesError)) throw error;
    expect(error).toBeInstanceOf(TemplateRenderError);
    return { error: error.message.replace(PREFIX, "") };
  }
}

const expected = (result: ReferenceRenderResult): Outcome => ("text" in result ? { text: result.text } : { error: result.error });

let python: ReferenceRenderResult[] = [];

beforeAll(async () => {
  python = await renderWithPython(TEMPLATES.map((template) => ({ template, context })));
}, 120_000);

describe("Jinja2's sandbox, as Python Jinja2 under transformers", () => {
  it("Python refuses most of these cases, with SecurityError or OverflowError", () => {
    const refusals = python.filter((result) => "errorType" in result && ["SecurityError", "OverflowError"].includes(result.errorType));
    expect(refusals.length).toBeGreaterThan(30);
  });

  it("every case compiles, so the compiled renderer meets each one", () => {
    expect(TEMPLATES.filter((template) => describeRenderEngine(template).engine !== "compiled")).toEqual([]);
  });

  for (const engine of ["compiled", "interpreter"] as const) {
    it.each(TEMPLATES.map((template, index) => [template, index] as const))(`${engine}: %s`, (template, index) => {
      expect(ours(template, engine)).toEqual(expected(python[index]!));
    });
  }
});
