// Section 1, rendering only: our `renderChat` (text + generation spans) vs `@huggingface/jinja` alone (text only, no
// Python compatibility, no spans) vs Python Jinja2 as transformers renders (text + generation indices), on the same
// training templates and conversations. Python times itself inside one process for all cases.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";
import { describeRenderEngine, renderChat } from "@training-templates/core";
import { referencePython } from "@training-templates/testkit/python";
import { formatMs, formatRatio, medianMs, medianMsInTurns, passesFor, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { benchCases, now, RENDER_DATE, type BenchCase } from "./corpus.ts";

const PYTHON_SCRIPT = fileURLToPath(new URL("./render_python.py", import.meta.url));

interface PythonResult {
  name: string;
  medianMs: number;
  ok: number;
  texts: Array<string | null>;
}

interface PythonRun {
  python: string;
  jinja2: string;
  transformers: string;
  results: PythonResult[];
}

/** Python's versions, for the report's header (filled by the render section). */
export let pythonVersions: Omit<PythonRun, "results"> | undefined;

export async function run(options: BenchOptions): Promise<BenchSection> {
  const cases = benchCases(options);
  const passes = passesFor(options);
  const python = await renderInPython(cases, passes);
  pythonVersions = { python: python.python, jinja2: python.jinja2, transformers: python.transformers };
  const rows: string[][] = [];
  let worstVsPython = 0;
  let totalOurs = 0;
  let totalPython = 0;
  for (const [index, benchCase] of cases.entries()) {
    const [ours, interpreted] = await medianMsInTurns(passes, [() => renderOurs(benchCase, "auto"), () => renderOurs(benchCase, "interpreter")]) as [number, number];
    const engine = describeRenderEngine(benchCase.variant.template).engine;
    const jinja = await jinjaAlone(benchCase, passes);
    const py = python.results[index]!;
    const ourTexts = benchCase.contexts.map((context) => renderChat(benchCase.variant.template, context, { now }).text);
    const same = ourTexts.filter((text, i) => text === py.texts[i]).length;
    const count = benchCase.contexts.length;
    worstVsPython = Math.max(worstVsPython, ours / py.medianMs);
    totalOurs += ours;
    totalPython += py.medianMs;
    rows.push([
      benchCase.name,
      String(count),
      engine,
      formatMs((ours / count) * 1000),
      formatMs((interpreted / count) * 1000),
      formatMs((jinja.ms / count) * 1000),
      formatMs((py.medianMs / count) * 1000),
      formatRatio(ours / interpreted),
      jinja.ok === count ? formatRatio(ours / jinja.ms) : `${formatRatio(ours / jinja.ms)} (it rendered ${jinja.ok})`,
      formatRatio(ours / py.medianMs),
      `${same}/${count}`,
    ]);
  }
  return {
    title: "1. Rendering: renderChat vs @huggingface/jinja vs Python Jinja2",
    intro:
      "Median CPU time per conversation (µs) to render the training template. `renderChat` returns the text and the " +
      "generation spans, with Python-compatible semantics, using the renderer *engine* names (`compiled`: the template " +
      "compiled once into closures over plain values; see `describeRenderEngine`); *interpreter* is `renderChat` with " +
      "`engine: \"interpreter\"`, the adjusted `@huggingface/jinja` interpreter it falls back to; `@huggingface/jinja` alone is its interpreter with no " +
      "adjustments and no spans (parsed once); Python is transformers' `_compile_jinja_template` + " +
      "`_render_with_assistant_indices` (Jinja2, compiled once), timed inside Python. *same text* counts " +
      "conversations where Python and `renderChat` render the same text.",
    headers: [
      "case", "conversations", "engine", "renderChat µs", "interpreter µs", "@huggingface/jinja µs", "Python Jinja2 µs",
      "ours / interpreter", "ours / jinja", "ours / Python", "same text",
    ],
    rows,
    targets: [
      {
        target: "rendering no slower than Python Jinja2 (ours / Python ≤ ×1.00)",
        measured: `${formatRatio(totalOurs / totalPython)} over all cases, worst case ${formatRatio(worstVsPython)}`,
        reached: worstVsPython <= 1,
      },
    ],
  };
}

function renderOurs(benchCase: BenchCase, engine: "auto" | "interpreter"): void {
  for (const context of benchCase.contexts) renderChat(benchCase.variant.template, context, { now, engine });
}

/** `@huggingface/jinja`'s own `Template`, parsed once, rendering with the same variables. */
async function jinjaAlone(benchCase: BenchCase, passes: number): Promise<{ ms: number; ok: number }> {
  const template = new Template(benchCase.variant.template);
  const renderAll = () => {
    let ok = 0;
    for (const context of benchCase.contexts) {
      try {
        template.render(context);
        ok++;
      } catch {
        // Its interpreter rejects some conversations ours renders: timed all the same, and counted.
      }
    }
    return ok;
  };
  const ok = renderAll();
  return { ms: await medianMs(passes, renderAll), ok };
}

async function renderInPython(cases: BenchCase[], passes: number): Promise<PythonRun> {
  const python = await referencePython();
  const input = JSON.stringify({
    passes,
    now: RENDER_DATE.toISOString(),
    cases: cases.map((benchCase) => ({ name: benchCase.name, template: benchCase.variant.template, contexts: benchCase.contexts })),
  });
  return new Promise((resolve, reject) => {
    const child = spawn(python, [PYTHON_SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`render_python.py exited with ${code}:\n${stderr}`));
      else resolve(JSON.parse(stdout) as PythonRun);
    });
    child.stdin.end(input);
  });
}

await runIfMain(import.meta.url, run);
