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
  /** The training template text (bundled from the package's `.jinja` file). */
  template: string;
  supportsTools: boolean;
  multimodal: boolean;
  /** The end-of-turn token the model must learn to emit, e.g. `<|eot_id|>`. */
  endOfTurn: string;
  /** What differs from the original besides the markers; empty when only markers were added. */
  differences: string;
  /**
   * Template kwargs that define the variant (e.g. `{ enable_thinking: false }`); probes for behaviour
   * matching and the conformance kit render with them.
   */
  defaultKwargs?: Record<string, unknown>;
}

/** A model family: its variants, as plain data. */
export interface FamilyPlugin {
  family: string;
  displayName: string;
  variants: TrainingTemplate[];
}
