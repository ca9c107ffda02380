import type { EncodeOptions, Outcome } from "../encoding/encode-record.ts";
import type { TemplateChoice } from "../encoding/template-choice.ts";
import type { RecordShape } from "../records/record-shape.ts";

/** What each worker needs to encode records as the main thread would: all plain data. */
export interface WorkerSetup {
  tokenizerDir: string;
  choice: TemplateChoice;
  shape: RecordShape;
  options: EncodeOptions;
}

/** A batch of records (their input text) to encode. */
export interface WorkerJob {
  id: number;
  texts: string[];
}

/** A failure that must end the run, carried across the thread boundary (errors lose their class there). */
export interface WorkerFailure {
  /** Set for `CliError`s: the message is meant for the user as it is. */
  cliCode?: string;
  message: string;
  stack?: string;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "init-failed"; failure: WorkerFailure }
  | { type: "done"; id: number; outcomes: Outcome[] }
  | { type: "failed"; id: number; failure: WorkerFailure };
