import type { Encoded, Outcome } from "../encoding/encode-record.ts";
import type { JsonlWriter } from "../io/jsonl.ts";
import { recordLabel, recordPosition, type RawRecord } from "../io/record-source.ts";
import { reject, type Rejection } from "../records/rejection.ts";
import type { RunTally } from "./tally.ts";

export interface SinkOptions {
  /**
   * Records in which no token trains: written without a word (`mask`), written and reported (`keep`), or
   * rejected (`drop`).
   */
  emptyMasks: "silent" | "keep" | "drop";
}

/**
 * Where outcomes go, in input order: written lines to the output, rejected records reported (`line N: reason`)
 * and, with a rejects file, kept there with their input so nothing vanishes.
 */
/** Where written records go: JSON Lines, or Parquet shards. */
export interface RowOutput {
  writeRow(encoded: Encoded): Promise<void>;
}

export class RecordSink {
  constructor(
    private readonly output: RowOutput,
    private readonly rejects: JsonlWriter | undefined,
    private readonly tally: RunTally,
    private readonly log: (line: string) => void,
    private readonly options: SinkOptions,
  ) {}

  async accept(record: RawRecord, outcome: Outcome): Promise<void> {
    this.tally.records++;
    if (outcome.ok && outcome.trainedTokens === 0 && this.options.emptyMasks !== "silent") {
      if (this.options.emptyMasks === "drop") return this.refuse(record, reject("empty-mask", `${noTokenTrains(outcome)} (dropped by --drop-empty)`));
      this.log(`${recordLabel(record)}: warning: ${noTokenTrains(outcome)} (kept; --drop-empty drops such records)`);
    }
    if (outcome.ok) {
      await this.output.writeRow(outcome);
      this.tally.addWritten(outcome.tokens, outcome.trainedTokens, outcome.truncatedFrom !== undefined, outcome.strategy);
    } else {
      await this.refuse(record, outcome);
    }
  }

  private async refuse(record: RawRecord, rejection: Rejection): Promise<void> {
    this.tally.addRejected(rejection.kind);
    this.log(`${recordLabel(record)}: ${rejection.reason}`);
    // Every command writes the same entry: `{ line, kind, reason, input }` (Parquet: `file` and `row` for `line`).
    await this.rejects?.write({ ...recordPosition(record), kind: rejection.kind, reason: rejection.reason, input: record.text });
  }
}

function noTokenTrains(encoded: Encoded): string {
  if (encoded.truncatedFrom !== undefined) return `no token trains once cut to ${encoded.tokens} of its ${encoded.truncatedFrom} tokens`;
  return "no token trains in this record";
}
