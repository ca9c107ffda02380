import { pythonScriptPath, runPythonScript } from "./run-python-script.ts";

export interface ReferenceRenderJob {
  template: string;
  /** The template's variables exactly as Python receives them (messages, tools, add_generation_prompt, bos_token…). */
  context: Record<string, unknown>;
  /** What `strftime_now` reads; without it, the clock of the Python process (as transformers does). */
  now?: Date;
}

export type ReferenceRenderResult =
  | { text: string; spans: Array<[number, number]> }
  | { error: string; errorType: string };

export interface ReferenceRenderOptions {
  /** Python with Jinja2; defaults to $TRAINING_TEMPLATES_PYTHON, then `python3`. */
  python?: string;
}

/**
 * Renders every job under Python Jinja2 set up as transformers' `apply_chat_template` (one process per call; each
 * distinct template compiled once). Spans are where `{% generation %}` blocks' output really is, in UTF-16 units.
 */
export async function renderWithPython(
  jobs: ReferenceRenderJob[],
  options: ReferenceRenderOptions = {},
): Promise<ReferenceRenderResult[]> {
  const python = options.python ?? process.env.TRAINING_TEMPLATES_PYTHON ?? "python3";
  const input = {
    jobs: jobs.map((job) => ({
      template: job.template,
      context: job.context,
      ...(job.now ? { now: job.now.toISOString() } : {}),
    })),
  };
  const output = (await runPythonScript(python, pythonScriptPath("render_reference.py"), input, {
    missingPython: "Install Python 3 or set TRAINING_TEMPLATES_PYTHON to a Python executable.",
    missingModule: `Install it with \`${python} -m pip install jinja2==3.1.6\`, or set TRAINING_TEMPLATES_PYTHON to a Python that has it.`,
  })) as { results: ReferenceRenderResult[] };
  if (output.results.length !== jobs.length) {
    throw new Error(`render_reference.py returned ${output.results.length} results for ${jobs.length} jobs`);
  }
  return output.results;
}

