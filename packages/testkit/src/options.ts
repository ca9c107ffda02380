import type { ConversationFeatures, OriginalPatch, TrainingTemplate } from "@training-templates/core";

export type { OriginalPatch };

export interface ConformanceOptions {
  variant: TrainingTemplate;
  /** The vendor's original template: a file (read as bytes, never re-encoded) or its text. */
  original: { path: string } | { text: string };
  /**
   * A folder with `tokenizer.json` and `tokenizer_config.json`. `description` names it in the test titles, e.g.
   * "Llama 3.1 tokenizer" or "Qwen3 base tokenizer plus Gemma's special tokens (no real Gemma tokenizer here)".
   */
  tokenizer: { dir: string; description: string };
  /** Generated conversations per kwargs set (at least 200). */
  conversations?: number;
  seed?: number;
  /** What the generator produces; defaults follow the variant (tools when it supports them). */
  features?: ConversationFeatures;
  /** Template kwargs to run every conversation under (e.g. each `enable_thinking` value); default `[variant.defaultKwargs ?? {}]`. */
  kwargsSets?: Array<Record<string, unknown>>;
  /**
   * Where the training template's text differs from the original on purpose: the kit applies these patches to the
   * original and expects the training template to render what the patched original renders. Conversations for which
   * `variant.textDiffersFromOriginal` is false must render the same under the unpatched original too. Default
   * `variant.originalPatches`, the patches the library checks each record against; set this only for a test whose
   * original is not the variant's own.
   */
  originalPatches?: OriginalPatch[];
  /** Tokens that may end a trained turn (default: `[variant.endOfTurn]`). */
  endOfTurnTokens?: string[];
  /** python3 with Jinja2 (default: env `TRAINING_TEMPLATES_PYTHON`, else `python3`). */
  python?: string;
  /**
   * python with transformers (default: env `TRAINING_TEMPLATES_PYTHON_REFERENCE`; else the kit builds the reference
   * venv with `python-reference.sh`, see the testkit README).
   */
  transformersPython?: string;
  /** How many conversations per kwargs set go through Python transformers' `apply_chat_template` (default 40). */
  transformersConversations?: number;
  /** The clock for `strftime_now` (the same in JS and Python). */
  now?: Date;
}
