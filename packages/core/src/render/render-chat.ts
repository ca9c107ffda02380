import { Environment, parse, tokenize } from "@huggingface/jinja";
import { GenerationSpanError, TemplateLimitError, TemplateRenderError, TemplateSyntaxError } from "../errors.ts";
import type { Span } from "../types.ts";
import { compileTemplate, inspectContext, type Compilation } from "./compile/index.ts";
import { prepareTemplate } from "./prepare-template.ts";
import { createPythonCompatibleInterpreter } from "./python-compatible-interpreter.ts";
import { RenderBudget, RenderLimitExceeded, runWithBudget, type RenderLimits } from "./render-limits.ts";
import { SandboxError } from "./sandbox.ts";
import { templateGlobals, TemplateRaised } from "./template-globals.ts";
import { memoizeByTemplate } from "./template-memo.ts";

export interface RenderOptions {
  /** The clock behind `strftime_now` (default: the current time). Pass a fixed date for reproducible renders. */
  now?: () => Date;
  /** How errors name the template, e.g. its variant id. */
  templateName?: string;
  /**
   * Which renderer runs the template. `"auto"` (default): the template compiled to closures over plain values when
   * it compiles (see `describeRenderEngine`), else `@huggingface/jinja`'s interpreter; a compiled render that meets
   * anything it does not reproduce, or that fails (`raise_exception`, a type error…), is re-rendered by the
   * interpreter, so text, spans and errors are always the interpreter's. `"interpreter"`: the interpreter only.
   * `"compiled"`: as `"auto"`, but throws if the template does not compile (for tests).
   */
  engine?: "auto" | "interpreter" | "compiled";
  /**
   * Bounds on this render (a template is untrusted input): `maxOutputLength` (default 32 Mi characters), `timeoutMs`
   * (default 5,000), `maxMacroDepth` (default 200). Going past one throws `TemplateLimitError`.
   */
  limits?: RenderLimits;
}

export interface RenderedChat {
  text: string;
  /** `[start, end)` of each `{% generation %}` block's output in `text`, in UTF-16 code units, in opening order. */
  spans: Span[];
}

type Program = ReturnType<typeof parse>;

interface Compiled {
  program: Program;
  /** The template compiled to closures, or why it does not compile. */
  compilation: Compilation;
  /** The marker pairs (their first code point) that the template's own text does not contain. */
  markerCandidates: number[];
}

const compileOnce = memoizeByTemplate(64, (template): Compiled => {
  const program = parse(tokenize(prepareTemplate(template), { lstrip_blocks: true, trim_blocks: true }));
  return { program, compilation: compileTemplate(program), markerCandidates: markerCandidates(template) };
});

/** Parses once per distinct template; chat templates are few and conversations many. */
function compile(template: string, templateName: string): Compiled {
  try {
    return compileOnce(template);
  } catch (error) {
    throw new TemplateSyntaxError(templateName, (error as Error).message, { cause: error });
  }
}

/** The parsed template (prepared as `renderChat` renders it), parsed once per distinct template. */
export function parsedTemplate(template: string, templateName = "(template)"): Program {
  return compile(template, templateName).program;
}

/** Unicode noncharacters: never meant to appear in text interchange, so in practice never in a conversation. */
function markerCandidates(template: string): number[] {
  const candidates: number[] = [];
  for (let code = 0xfdd0; code < 0xfdef; code += 2) {
    if (!template.includes(String.fromCharCode(code)) && !template.includes(String.fromCharCode(code + 1))) candidates.push(code);
  }
  return candidates;
}

function pickMarkers(candidates: readonly number[], context: Record<string, unknown>): [string, string] {
  const haystack = JSON.stringify(context);
  for (const code of candidates) {
    const open = String.fromCharCode(code);
    const close = String.fromCharCode(code + 1);
    if (!haystack.includes(open) && !haystack.includes(close)) return [open, close];
  }
  throw new GenerationSpanError("(context)", "the conversation uses every marker character U+FDD0..U+FDEF");
}

/**
 * Renders a chat template as transformers' `apply_chat_template` does (Jinja2 with `trim_blocks`, `lstrip_blocks`,
 * `raise_exception`, `strftime_now`), returning the text and the spans of its `{% generation %}` blocks.
 * `context` holds the template variables: `messages`, `tools`, `add_generation_prompt`, special tokens, kwargs.
 */
export function renderChat(template: string, context: Record<string, unknown>, options: RenderOptions = {}): RenderedChat {
  const templateName = options.templateName ?? "(unnamed)";
  const engine = options.engine ?? "auto";
  const { program, compilation, markerCandidates: candidates } = compile(template, templateName);
  if (engine === "compiled" && !compilation.render) {
    throw new Error(`renderChat: template ${templateName} does not compile (${compilation.unsupported}); use engine "auto" or "interpreter"`);
  }
  const inspection = inspectContext(context);
  // When no string holds a character of the markers' range, `pickMarkers` would pick the first candidate.
  const [open, close] = inspection.plain && !inspection.markerCharacters && candidates.length > 0
    ? [String.fromCharCode(candidates[0]!), String.fromCharCode(candidates[0]! + 1)]
    : pickMarkers(candidates, context);
  const now = options.now ?? (() => new Date());
  const globals = templateGlobals(context, now, open, close);
  // A context variable named `namespace` collides with the interpreter's own, which it reports as an error.
  const budget = new RenderBudget(options.limits);
  const marked = runWithBudget(budget, () => {
    const compiled = engine !== "interpreter" && inspection.plain && !("namespace" in context) ? renderCompiled(compilation, globals, templateName) : undefined;
    if (compiled !== undefined) return compiled;
    budget.restart();
    return renderInterpreted(program, globals, templateName);
  });
  return extractSpans(marked, open, close, templateName);
}

/**
 * The compiled render, or `undefined` where the interpreter must render: a template it does not take, or any
 * exception (the interpreter then renders the same conversation, so its text or its error is the outcome) except a
 * limit or the sandbox's `range`: the interpreter would meet the same one at the same point, so rendering again would
 * only repeat the runaway work.
 */
function renderCompiled(compilation: Compilation, globals: Record<string, unknown>, templateName: string): string | undefined {
  if (!compilation.render) return undefined;
  try {
    return compilation.render(globals);
  } catch (error) {
    if (error instanceof RenderLimitExceeded || error instanceof SandboxError) throw renderFailure(error, templateName);
    return undefined;
  }
}

/** The library's error for what stopped a render. */
function renderFailure(error: unknown, templateName: string): Error {
  if (error instanceof RenderLimitExceeded) return new TemplateLimitError(templateName, error.limit, error.bound, error.message, { cause: error });
  const raised = error instanceof TemplateRaised;
  return new TemplateRenderError(templateName, (error as Error).message, raised, { cause: error });
}

function renderInterpreted(program: Program, globals: Record<string, unknown>, templateName: string): string {
  const env = new Environment();
  for (const [key, value] of Object.entries(globals)) env.set(key, value);
  try {
    return (createPythonCompatibleInterpreter(env).run(program) as { value: string }).value;
  } catch (error) {
    throw renderFailure(error, templateName);
  }
}

/** Which renderer `renderChat` uses for a template by default, and if the interpreter, the first construct why. */
export interface RenderEngineDescription {
  engine: "compiled" | "interpreter";
  /** The first construct the compiler does not support, when `engine` is `"interpreter"`. */
  unsupported?: string;
}

/**
 * Whether `renderChat` renders `template` with the compiled renderer (by default) or with the interpreter, and if the
 * interpreter, the first construct the compiler does not support (or that the template does not parse). For the
 * benchmark and the docs' coverage figures; the answer is worked out once per template, like the parse.
 */
export function describeRenderEngine(template: string, templateName = "(unnamed)"): RenderEngineDescription {
  let compilation: Compilation;
  try {
    ({ compilation } = compile(template, templateName));
  } catch (error) {
    // renderChat reports the syntax error itself; here it is one more reason the template is not compiled.
    return { engine: "interpreter", unsupported: `the template does not parse: ${(error as Error).message}` };
  }
  return compilation.render ? { engine: "compiled" } : { engine: "interpreter", unsupported: compilation.unsupported };
}

function extractSpans(marked: string, open: string, close: string, templateName: string): RenderedChat {
  let text = "";
  const spans: Array<[number, number]> = [];
  const openStack: number[] = [];
  let pos = 0;
  let nextOpen = marked.indexOf(open);
  let nextClose = marked.indexOf(close);
  while (nextOpen !== -1 || nextClose !== -1) {
    const isOpen = nextClose === -1 || (nextOpen !== -1 && nextOpen < nextClose);
    const i = isOpen ? nextOpen : nextClose;
    text += marked.slice(pos, i);
    pos = i + 1;
    if (isOpen) {
      openStack.push(spans.length);
      spans.push([text.length, -1]);
      nextOpen = marked.indexOf(open, pos);
    } else {
      const index = openStack.pop();
      if (index === undefined) {
        throw new GenerationSpanError(templateName, `an {% endgeneration %} was output before its {% generation %} (at character ${text.length})`);
      }
      spans[index]![1] = text.length;
      nextClose = marked.indexOf(close, pos);
    }
  }
  text += marked.slice(pos);
  if (openStack.length > 0) {
    throw new GenerationSpanError(templateName, `a {% generation %} block's output was cut before its end (at character ${spans[openStack[0]!]![0]})`);
  }
  return { text, spans };
}
