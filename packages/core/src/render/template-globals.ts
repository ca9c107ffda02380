import { CLOSE_MARKER_VAR, OPEN_MARKER_VAR } from "./prepare-template.ts";
import { strftime } from "./strftime.ts";

/** What `raise_exception` throws, so renderChat can tell a template's own rejection from a failure. */
export class TemplateRaised extends Error {}

/** Python's `range` (the one global `@huggingface/jinja` keeps to itself). */
function pythonRange(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error("range() arg 3 must not be zero");
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/**
 * The variables a chat template sees, as transformers passes them: Jinja's constants, `range`, `raise_exception`,
 * `strftime_now`, the context, and the span marker variables.
 */
export function templateGlobals(context: Record<string, unknown>, now: () => Date, open: string, close: string): Record<string, unknown> {
  return {
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
}
