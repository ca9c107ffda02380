import { Environment, Interpreter, parse, tokenize } from "@huggingface/jinja";
import { GenerationSpanError, TemplateRenderError, TemplateSyntaxError } from "../errors.ts";
import type { Span } from "../types.ts";
import { CLOSE_MARKER_VAR, OPEN_MARKER_VAR, prepareTemplate } from "./prepare-template.ts";
import { createPythonCompatibleInterpreter } from "./python-compatible-interpreter.ts";
import { strftime } from "./strftime.ts";
import { memoizeByTemplate } from "./template-memo.ts";

export interface RenderOptions {
  /** The clock behind `strftime_now` (default: the current time). Pass a fixed date for reproducible renders. */
  now?: () => Date;
  /** How errors name the template, e.g. its variant id. */
  templateName?: string;
}

export interface RenderedChat {
  text: string;
  /** `[start, end)` of each `{% generation %}` block's output in `text`, in UTF-16 code units, in opening order. */
  spans: Span[];
}

type Program = ReturnType<typeof parse>;

interface Compiled {
  program: Program;
  /** The marker pairs (their first code point) that the template's own text does not contain. */
  markerCandidates: number[];
}

const compileOnce = memoizeByTemplate(64, (template): Compiled => ({
  program: parse(tokenize(prepareTemplate(template), { lstrip_blocks: true, trim_blocks: true })),
  markerCandidates: markerCandidates(template),
}));

/** Parses once per distinct template; chat templates are few and conversations many. */
function compile(template: string, templateName: string): Compiled {
  try {
    return compileOnce(template);
  } catch (error) {
    throw new TemplateSyntaxError(templateName, (error as Error).message, { cause: error });
  }
}

class TemplateRaised extends Error {}

/** Python's `range` (the one global `@huggingface/jinja` keeps to itself). */
function pythonRange(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error("range() arg 3 must not be zero");
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
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
  const { program, markerCandidates: candidates } = compile(template, templateName);
  const [open, close] = pickMarkers(candidates, context);
  const now = options.now ?? (() => new Date());
  const env = new Environment();
  const globals: Record<string, unknown> = {
    true: true, false: false, none: null, True: true, False: false, None: null,
    range: pythonRange,
    raise_exception: (message: unknown) => {
      throw new TemplateRaised(String(message));
    },
    strftime_now: (format: string) => strftime(now(), format),
    ...context,
    [OPEN_MARKER_VAR]: open,
    [CLOSE_MARKER_VAR]: close,
  };
  for (const [key, value] of Object.entries(globals)) env.set(key, value);
  let marked: string;
  try {
    marked = (createPythonCompatibleInterpreter(env).run(program) as { value: string }).value;
  } catch (error) {
    const raised = error instanceof TemplateRaised;
    throw new TemplateRenderError(templateName, (error as Error).message, raised, { cause: error });
  }
  return extractSpans(marked, open, close, templateName);
}

function extractSpans(marked: string, open: string, close: string, templateName: string): RenderedChat {
  let text = "";
  const spans: Array<[number, number]> = [];
  const openStack: number[] = [];
  let pos = 0;
  for (let i = 0; i < marked.length; i++) {
    const ch = marked[i];
    if (ch !== open && ch !== close) continue;
    text += marked.slice(pos, i);
    pos = i + 1;
    if (ch === open) {
      openStack.push(spans.length);
      spans.push([text.length, -1]);
    } else {
      const index = openStack.pop();
      if (index === undefined) {
        throw new GenerationSpanError(templateName, `an {% endgeneration %} was output before its {% generation %} (at character ${text.length})`);
      }
      spans[index]![1] = text.length;
    }
  }
  text += marked.slice(pos);
  if (openStack.length > 0) {
    throw new GenerationSpanError(templateName, `a {% generation %} block's output was cut before its end (at character ${spans[openStack[0]!]![0]})`);
  }
  return { text, spans };
}
