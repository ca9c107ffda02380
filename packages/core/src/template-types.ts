/** One training template: the vendor's chat template plus `{% generation %}` markers (and documented fixes). */
export interface TrainingTemplate {
  /** Stable id, `<family>-<variant>`, e.g. `llama-3.1`. */
  id: string;
  family: string;
  displayName: string;
  /** Hub model ids known to ship the original template. */
  models: string[];
  /** sha256 (hex) of the original template string(s) this training template replaces. */
  originalSha256: string[];
  /**
   * sha256 of the same originals after `normalizeTemplateText` (line endings, trailing whitespace): a copy that went
   * through an editor or a JSON round trip still matches.
   */
  originalNormalizedSha256: string[];
  /** The training template text (bundled from the package's `.jinja` file). */
  template: string;
  supportsTools: boolean;
  multimodal: boolean;
  /** The end-of-turn token the model must learn to emit, e.g. `<|eot_id|>`. */
  endOfTurn: string;
  /** The special tokens the original's models pass to the template (`bos_token`, `eos_token`, …). */
  specialTokens: Record<string, string>;
  /** What differs from the original besides the markers; empty when only markers were added. */
  differences: string;
  /**
   * Template kwargs that define the variant (e.g. `{ enable_thinking: false }`); probes for behaviour
   * matching and the conformance kit render with them.
   */
  defaultKwargs?: Record<string, unknown>;
  /**
   * Where the training template's text intentionally differs from the original's (see `differences`): true for the
   * conversations whose text differs. Behaviour matching skips those probes; the conformance kit checks them against
   * its explicit expectation instead.
   */
  textDiffersFromOriginal?: (conversation: import("./types.ts").Conversation) => boolean;
  /**
   * The exact changes to the original that account for `textDiffersFromOriginal`: applied to the model's template,
   * the patched template must render what the training template renders. Each record whose text differs is checked
   * against it where the patches apply (they do not apply to another revision of the template).
   */
  originalPatches?: OriginalPatch[];
}

/** A model family: its variants, as plain data. */
export interface FamilyPlugin {
  family: string;
  displayName: string;
  variants: TrainingTemplate[];
}

/**
 * An exact textual change to a vendor's original, stating where a training template's text differs on purpose:
 * applied to the original, the patched template renders what the training template renders.
 */
export interface OriginalPatch {
  /** Text that occurs exactly once in the original. */
  find: string;
  replace: string;
  /** Why the training template renders differently here. */
  why: string;
}
