import type { Outcome, RecordEncoder } from "../encoding/encode-record.ts";

/** Records per batch: as many as the floor `prepare` is measured against tokenizes per `encodeBatch`. */
export const BATCH_SIZE = 256;

/** Encodes batches of records, in this thread or in workers. */
export interface RecordProcessor {
  /** Records per batch. */
  readonly batchSize: number;
  /** How many batches may be under way at once: enough to keep every thread busy, few enough to bound memory. */
  readonly batchesInFlight: number;
  /** Each record's outcome, in order; rejects only for failures that must end the run. */
  processBatch(texts: string[]): Promise<Outcome[]>;
  close(): Promise<void>;
}

/**
 * Encodes in the calling thread. Batches overlap: this thread parses, renders and writes some while the tokenizer's
 * native threads tokenize another. Four under way kept the tokenizer fed where two left it waiting for renders
 * (measured on 2 cores: ×1.1–1.2 the records/s of two; six or eight gave no more).
 */
export class InlineProcessor implements RecordProcessor {
  readonly batchSize = BATCH_SIZE;
  readonly batchesInFlight = 4;

  constructor(private readonly encoder: RecordEncoder) {}

  processBatch(texts: string[]): Promise<Outcome[]> {
    return this.encoder.encodeBatch(texts);
  }

  async close(): Promise<void> {}
}
