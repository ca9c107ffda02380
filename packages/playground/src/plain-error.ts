import { TemplateRenderError, TrainingTemplatesError } from "@training-templates/core";
import type { PlainError } from "./protocol.ts";

/** A few words per kind of failure, above the library's own message (which says where and what to do). */
const TITLES: Record<string, string> = {
  TEMPLATE_SYNTAX: "The template does not parse",
  TEMPLATE_LIMIT: "The template went past a render limit",
  GENERATION_SPANS: "The template's generation markers give unusable spans",
  INVALID_CONVERSATION: "The conversation is not one a chat template takes",
  UNSUPPORTED_TEMPLATE: "No masks can be verified for this template",
  TOKENIZER_LOAD: "The tokenizer files cannot be read",
  TOKENIZER_UNSUPPORTED: "This tokenizer is not supported in the browser",
  TOKEN_ALIGNMENT: "The tokens cannot be aligned with the text",
  TEMPLATE_MISMATCH: "The training template renders other text than the model's template",
  DERIVED_MASKS: "Masks cannot be derived for this conversation",
};

/** Any failure as a title and the detail a person can act on; never a stack trace. */
export function plainError(error: unknown): PlainError {
  if (error instanceof TemplateRenderError) {
    return { title: error.raisedByTemplate ? "The template refuses this conversation" : "The template fails on this conversation", detail: error.message };
  }
  if (error instanceof TrainingTemplatesError) return { title: TITLES[error.code] ?? "The library refused", detail: error.message };
  if (error instanceof PlainProblem) return error.plain;
  return { title: "Something failed", detail: error instanceof Error ? error.message : String(error) };
}

/** A problem this page finds itself (bad JSON, a missing file), thrown with its plain words already chosen. */
export class PlainProblem extends Error {
  readonly plain: PlainError;
  constructor(title: string, detail: string, options: { hint?: boolean } = {}) {
    super(`${title}: ${detail}`);
    this.plain = { title, detail, ...(options.hint ? { hint: true } : {}) };
  }
}
