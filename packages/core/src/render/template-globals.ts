import { CLOSE_MARKER_VAR, OPEN_MARKER_VAR } from "./prepare-template.ts";
import { sandboxedRange } from "./sandbox.ts";
import { strftime } from "./strftime.ts";

/** What `raise_exception` throws, so renderChat can tell a template's own rejection from a failure. */
export class TemplateRaised extends Error {}

/**
 * The variables a chat template sees, as transformers passes them: Jinja's constants, `range`, `raise_exception`,
 * `strftime_now`, the context, and the span marker variables.
 */
export function templateGlobals(context: Record<string, unknown>, now: () => Date, open: string, close: string): Record<string, unknown> {
  return {
    true: true, false: false, none: null, True: true, False: false, None: null,
    // The sandbox's `range` (transformers renders in Jinja2's sandbox), replacing the library's own.
    range: sandboxedRange,
    raise_exception: (message: unknown) => {
      throw new TemplateRaised(String(message));
    },
    strftime_now: (format: string) => strftime(now(), format),
    ...context,
    [OPEN_MARKER_VAR]: open,
    [CLOSE_MARKER_VAR]: close,
  };
}
