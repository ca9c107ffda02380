import { parse, tokenize } from "@huggingface/jinja";
import { renderWithPython, type ReferenceRenderResult } from "@training-templates/testkit/python";
import { beforeAll, describe, expect, it } from "vitest";
import { describeRenderEngine, renderChat, TrainingTemplatesError } from "../src/index.ts";
import { compileTemplate } from "../src/render/compile/index.ts";
import { prepareTemplate } from "../src/render/prepare-template.ts";
import { templateGlobals } from "../src/render/template-globals.ts";
import { parityCells, type ParityCell } from "./filter-parity-cells.ts";

/**
 * Jinja2's filters, tests and str/list/dict methods applied to every kind of value, rendered by Python Jinja2 (as
 * transformers sets it up) and by both of our renderers: the same text, or both raise with the same message.
 * Cells that legitimately differ, as `expression @ kind`, with why.
 */
const UNNAMED_UNDEFINED = "an undefined value inside a list has lost its name: we raise \"the value is undefined\"";
const KNOWN_DIFFERENCES: ReadonlyMap<string, string> = new Map([
  ...["'divisibleby', 3", "'gt', 2", "'lt', 2", "'ge', 7", "'le', 0"].map((test) => [`[v] | select(${test}) | list @ undefined`, UNNAMED_UNDEFINED] as const),
]);

type Outcome = { text: string } | { error: string };

/** Our error text without the library's "Chat template X failed while rendering: " prefix. */
const PREFIX = /^Chat template \S+ (failed while rendering|rejected the conversation): /;

function ours(cell: ParityCell, engine: "interpreter" | "compiled"): Outcome {
  // A template using a filter Jinja2 does not have (`bool`) does not compile; "auto" gives it to the interpreter.
  const compiles = describeRenderEngine(cell.template).engine === "compiled";
  try {
    return { text: renderChat(cell.template, cell.context, { engine: compiles ? engine : "auto", templateName: "parity" }).text };
  } catch (error) {
    if (!(error instanceof TrainingTemplatesError)) throw error;
    return { error: error.message.replace(PREFIX, "") };
  }
}

function describeOutcome(outcome: Outcome | ReferenceRenderResult): string {
  return "text" in outcome ? `renders ${JSON.stringify(outcome.text)}` : `raises ${JSON.stringify(outcome.error)}`;
}

/** The compiled render itself (no fallback to the interpreter), or `undefined` where it hands the render back. */
function compiledOnly(cell: ParityCell): string | undefined {
  const compilation = compileTemplate(parse(tokenize(prepareTemplate(cell.template), { lstrip_blocks: true, trim_blocks: true })));
  if (!compilation.render) return undefined;
  try {
    return compilation.render(templateGlobals(cell.context, () => new Date(0), "\ufdd0", "\ufdd1"));
  } catch {
    return undefined;
  }
}

const cells = parityCells();
let python: ReferenceRenderResult[] = [];

beforeAll(async () => {
  python = await renderWithPython(cells.map(({ template, context }) => ({ template, context })));
}, 120_000);

describe("filters, tests and methods on every kind of value, as Python Jinja2", () => {
  it("covers hundreds of cells, most of them rendering and many raising in Python", () => {
    expect(cells.length).toBeGreaterThan(500);
    const raising = python.filter((result) => "error" in result).length;
    expect(raising).toBeGreaterThan(100);
    expect(cells.length - raising).toBeGreaterThan(500);
  });

  for (const engine of ["interpreter", "compiled"] as const) {
    it(`renders or raises as Python does on every cell (${engine})`, () => {
      const problems: string[] = [];
      for (const [i, cell] of cells.entries()) {
        const key = `${cell.expression} @ ${cell.kind}`;
        const expected = python[i]!;
        const actual = ours(cell, engine);
        const same = "text" in expected ? "text" in actual && actual.text === expected.text : "error" in actual && actual.error === expected.error;
        if (same === KNOWN_DIFFERENCES.has(key)) {
          problems.push(same ? `${key}: listed as a known difference, but now agrees` : `${key}: Python ${describeOutcome(expected)}, we ${describeOutcome(actual)}`);
        }
      }
      expect(problems.slice(0, 40).join("\n") + (problems.length > 40 ? `\n… ${problems.length} in all` : "")).toBe("");
    });
  }

  it("the compiled renderer renders most cells Python renders itself, and never renders where Python raises", () => {
    let rendered = 0;
    const problems: string[] = [];
    for (const [i, cell] of cells.entries()) {
      const text = compiledOnly(cell);
      if (text === undefined) continue;
      const expected = python[i]!;
      if ("text" in expected && text === expected.text) rendered++;
      else if (!KNOWN_DIFFERENCES.has(`${cell.expression} @ ${cell.kind}`)) {
        problems.push(`${cell.expression} @ ${cell.kind}: Python ${describeOutcome(expected)}, compiled renders ${JSON.stringify(text)}`);
      }
    }
    expect(problems.slice(0, 40).join("\n")).toBe("");
    const renderable = python.filter((result) => "text" in result).length;
    expect(rendered).toBeGreaterThan(renderable * 0.8);
  });
});
