import { TrainingTemplatesError } from "../errors.ts";
import { renderChat, type RenderedChat, type RenderOptions } from "./render-chat.ts";

/** A render's outcome: the text and spans, or why the template rejected or failed on the conversation. */
export type RenderOutcome = ({ ok: true } & RenderedChat) | { ok: false; error: string; code?: string };

/**
 * `renderChat` for code that compares templates: the library's own errors (a rejection, a template failure) become
 * an outcome to compare, anything else (a bug) is thrown.
 */
export function tryRender(template: string, context: Record<string, unknown>, options: RenderOptions = {}): RenderOutcome {
  try {
    return { ok: true, ...renderChat(template, context, options) };
  } catch (error) {
    if (error instanceof TrainingTemplatesError) return { ok: false, error: error.message, code: error.code };
    throw error;
  }
}

/** Same outcome: both rejected, or both rendered the same text. */
export function sameOutcome(a: RenderOutcome, b: RenderOutcome): boolean {
  return a.ok && b.ok ? a.text === b.text : a.ok === b.ok;
}
