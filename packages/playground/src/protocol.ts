import type { Strategy } from "@training-templates/core";

/**
 * The messages between the page and its worker. The worker holds the tokenizer, the registry and the library, so
 * typing never waits on a render and the page's own script stays small; everything crossing is plain data.
 */

/** A tokenizer's files as text: `tokenizer.json` is required, the others are read when present. */
export interface TokenizerFiles {
  /** Where the files came from, for the status line (file names or a Hub id). */
  origin: string;
  tokenizerJson: string;
  tokenizerConfig?: string;
  chatTemplateJinja?: string;
}

/** Which template to train with: the tokenizer's own (the library picks the strategy), a registry variant, or pasted text. */
export type TemplateChoice = { kind: "own" } | { kind: "variant"; id: string } | { kind: "pasted"; template: string };

export interface ComputeRequest {
  type: "compute";
  /** Grows with every edit: the page shows only the answer to its latest request. */
  revision: number;
  choice: TemplateChoice;
  /** The conversation editor's text, parsed in the worker so its errors come back as plain words like the others. */
  conversation: string;
}

export interface LoadTokenizerRequest {
  type: "tokenizer";
  files: TokenizerFiles;
}

export type PageMessage = ComputeRequest | LoadTokenizerRequest;

export interface VariantOption {
  id: string;
  displayName: string;
  family: string;
}

export interface ReadyMessage {
  type: "ready";
  variants: VariantOption[];
}

export interface TokenizerLoaded {
  type: "tokenizer";
  ok: boolean;
  /** What was loaded, or why nothing was, in plain words. */
  status: string;
}

export type CheckStatus = "pass" | "fail" | "warn" | "not checked";

export interface CheckLine {
  name: string;
  status: CheckStatus;
  detail: string;
}

export interface TokenChip {
  id: number;
  /** The token's text, or "" when it only holds the rest of a character the token before it began. */
  text: string;
  trained: boolean;
  /** The token continues a character split across tokens (byte-level tokenizers split emoji). */
  continues: boolean;
}

export interface PlainError {
  /** What went wrong, in a few words: "The conversation is not valid JSON". */
  title: string;
  /** The library's own message: what, where, and what to do. */
  detail: string;
  /** Not a failure, a step still to take (no tokenizer yet): shown as a hint, not in red. */
  hint?: boolean;
}

export interface ResultMessage {
  type: "result";
  revision: number;
  /** The template shown in the editor for this choice (the tokenizer's own, or the variant's training template). */
  templateShown?: string;
  strategy?: { name: Strategy; summary: string; note?: string };
  checks?: CheckLine[];
  /** The training template to download, when the strategy has one (derived masks have none). */
  trainingTemplate?: { fileName: string; text: string };
  tokens?: TokenChip[];
  error?: PlainError;
}

export type WorkerMessage = ReadyMessage | TokenizerLoaded | ResultMessage;
