/**
 * Every error the library throws on purpose is a `TrainingTemplatesError` with a stable `code`, so callers can
 * branch on `error.code` rather than on message text.
 */
export class TrainingTemplatesError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The template does not parse. */
export class TemplateSyntaxError extends TrainingTemplatesError {
  constructor(templateName: string, detail: string, options?: { cause?: unknown }) {
    super("TEMPLATE_SYNTAX", `Chat template ${templateName} does not parse: ${detail}`, options);
  }
}

/** The template raised (its own `raise_exception`, or a runtime error) while rendering a conversation. */
export class TemplateRenderError extends TrainingTemplatesError {
  /** True when the template called `raise_exception` itself: it rejects this conversation on purpose. */
  readonly raisedByTemplate: boolean;
  constructor(templateName: string, detail: string, raisedByTemplate: boolean, options?: { cause?: unknown }) {
    super(
      "TEMPLATE_RENDER",
      `Chat template ${templateName} ${raisedByTemplate ? "rejected the conversation" : "failed while rendering"}: ${detail}`,
      options,
    );
    this.raisedByTemplate = raisedByTemplate;
  }
}

/**
 * A render went past one of `renderChat`'s limits (`RenderLimits`: output length, time, macro depth), which bound
 * what an untrusted template can cost; what Python's Jinja2 sandbox itself refuses (a `range` too big, an unsafe
 * attribute) is a `TemplateRenderError` with Jinja2's message instead.
 */
export class TemplateLimitError extends TrainingTemplatesError {
  constructor(
    templateName: string,
    /** The limit's option name: `maxOutputLength`, `timeoutMs` or `maxMacroDepth`. */
    readonly limit: string,
    /** The limit's value. */
    readonly bound: number,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(
      "TEMPLATE_LIMIT",
      `Chat template ${templateName} exceeded a render limit: ${detail}. A template is untrusted input: check it ` +
        "(the `limits` option of renderChat and applyChatTemplate raises a limit that a sound template needs raised)",
      options,
    );
  }
}

/** The generation markers produce unbalanced or unusable spans. */
export class GenerationSpanError extends TrainingTemplatesError {
  constructor(templateName: string, detail: string) {
    super("GENERATION_SPANS", `Chat template ${templateName}: ${detail}`);
  }
}

/** A conversation is not in a shape the library can render. */
export class InvalidConversationError extends TrainingTemplatesError {
  constructor(where: string, detail: string) {
    super("INVALID_CONVERSATION", `${where}: ${detail}`);
  }
}

/** No training template is known for this chat template, or none is needed and none can be had. */
export class UnsupportedTemplateError extends TrainingTemplatesError {
  /** Ids of the known variants closest to the template (by rendered text), best first. */
  readonly nearest: string[];
  constructor(message: string, nearest: string[] = []) {
    super("UNSUPPORTED_TEMPLATE", message);
    this.nearest = nearest;
  }
}

/** A tokenizer folder or one of its files could not be read. */
export class TokenizerLoadError extends TrainingTemplatesError {
  constructor(
    readonly dir: string,
    readonly file: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super("TOKENIZER_LOAD", `Cannot load the tokenizer in ${dir}: ${file}: ${problem}`, options);
  }
}

/** A pure-JS tokenizer uses a pipeline step whose effect on offsets the alignment does not reproduce. */
export class UnsupportedTokenizerError extends TrainingTemplatesError {
  constructor(message: string) {
    super("TOKENIZER_UNSUPPORTED", message);
  }
}

/** The tokens a pure-JS tokenizer produced do not spell the text they came from. */
export class TokenAlignmentError extends TrainingTemplatesError {
  constructor(message: string) {
    super("TOKEN_ALIGNMENT", message);
  }
}

/**
 * A record's text, rendered with the template chosen for training, is not what the model's own chat template renders
 * for it (and the chosen variant does not declare that difference): training on it would teach text the model never
 * sees. Names the variant and the first differing position.
 */
export class TemplateMismatchError extends TrainingTemplatesError {
  constructor(
    /** The training template's id, or how it was chosen. */
    readonly variantId: string,
    /** The first differing position in the original's text, UTF-16 code units. */
    readonly position: number,
    detail: string,
  ) {
    super("TEMPLATE_MISMATCH", `the training template ${variantId} renders different text than the model's chat template: ${detail}`);
  }
}

/** Why masks could not be derived from a template's own renders for a conversation. */
export type DerivedMasksRefusal = "render-failed" | "history-rewritten" | "no-assistant-output";

/** Masks could not be derived (and verified) from the template's renders of a conversation's prefixes. */
export class DerivedMasksError extends TrainingTemplatesError {
  constructor(
    readonly refusal: DerivedMasksRefusal,
    templateName: string,
    detail: string,
  ) {
    super("DERIVED_MASKS", `cannot derive assistant masks from chat template ${templateName}: ${detail}`);
  }
}
