import type { Outcome } from "../encoding/encode-record.ts";
import type { RawRecord, SourceItem, SourceWarning } from "../io/record-source.ts";
import { reject } from "../records/rejection.ts";
import type { RecordProcessor } from "./processor.ts";
import { inShard, type Shard } from "./shard.ts";

export interface Deliveries {
  record(record: RawRecord, outcome: Outcome): Promise<void>;
  warning(warning: SourceWarning): void;
}

type Settled = { outcome: Outcome } | { error: unknown };
type UnderWay = { record: RawRecord; settled: Promise<Settled> } | { warning: SourceWarning };

/**
 * Feeds records to `processor` and delivers each outcome (and each warning about the input) in input order. At
 * most `processor.capacity` records are under way: reading waits while the oldest is still being encoded or
 * written, so memory stays flat however large the input, and the reorder buffer never holds more than that.
 */
export async function runRecords(items: AsyncIterable<SourceItem>, processor: RecordProcessor, deliveries: Deliveries, shard?: Shard): Promise<void> {
  const underWay: UnderWay[] = [];
  let records = 0;
  const deliverOldest = async () => {
    const oldest = underWay.shift()!;
    if ("warning" in oldest) return deliveries.warning(oldest.warning);
    records--;
    const result = await oldest.settled;
    if ("error" in result) throw result.error;
    await deliveries.record(oldest.record, result.outcome);
  };
  let index = 0;
  for await (const item of items) {
    if ("warning" in item) {
      underWay.push({ warning: item });
      continue;
    }
    if (!inShard(shard, index++)) continue;
    const outcome = item.problem !== undefined ? Promise.resolve(reject("invalid-json", item.problem)) : processor.process(item.text);
    // Settled at once, so a failure is never an unhandled rejection while older records are still being written.
    underWay.push({ record: item, settled: outcome.then((value) => ({ outcome: value }), (error: unknown) => ({ error })) });
    records++;
    while (records >= processor.capacity) await deliverOldest();
  }
  while (underWay.length > 0) await deliverOldest();
}
