import type { ThreadFailure } from "../thread-failure.ts";
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

export type WorkerMessage =
  | { type: "ready" }
  | { type: "init-failed"; failure: ThreadFailure }
  | { type: "done"; id: number; outcomes: Outcome[] }
  | { type: "failed"; id: number; failure: ThreadFailure };
