import type { Outcome, RecordEncoder } from "../encoding/encode-record.ts";

/** Encodes records, in this thread or in workers. */
export interface RecordProcessor {
  /** How many records may be under way at once: enough to keep every thread busy, few enough to bound memory. */
  readonly capacity: number;
  /** The record's outcome; rejects only for failures that must end the run. */
  process(text: string): Promise<Outcome>;
  close(): Promise<void>;
}

/**
 * Encodes in the calling thread. A few records overlap so that rendering one proceeds while the tokenizer's
 * native code works on another.
 */
export class InlineProcessor implements RecordProcessor {
  readonly capacity = 4;

  constructor(private readonly encoder: RecordEncoder) {}

  process(text: string): Promise<Outcome> {
    return this.encoder.encode(text);
  }

  async close(): Promise<void> {}
}
