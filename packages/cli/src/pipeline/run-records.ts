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
type UnderWay = { record: RawRecord; settled: Promise<Settled>; batch?: OpenBatch } | { warning: SourceWarning };

/** A batch still taking records: sent once full, or once the input has been quiet for `QUIET_MS`. */
interface OpenBatch {
  texts: string[];
  settle: Array<(settled: Settled) => void>;
  timer?: ReturnType<typeof setTimeout>;
}

/** A slow input (a pipe, a download) still gets its records encoded while it trickles. */
const QUIET_MS = 50;

/**
 * The first batch's size; each next one is twice the last, up to the processor's. The tokenizer starts on a small
 * batch at once instead of waiting for a whole one to be rendered, so short runs overlap too.
 */
const FIRST_BATCH = 16;

/**
 * Feeds records to `processor` a batch at a time and delivers each outcome (and each warning about the input) in
 * input order. At most `batchSize × batchesInFlight` records are under way: reading waits while the oldest batch is
 * still being encoded or written, so memory stays flat however large the input, and the reorder buffer never holds
 * more than that.
 */
export async function runRecords(items: AsyncIterable<SourceItem>, processor: RecordProcessor, deliveries: Deliveries, shard?: Shard): Promise<void> {
  const underWay: UnderWay[] = [];
  const capacity = processor.batchSize * processor.batchesInFlight;
  let nextBatchSize = Math.min(FIRST_BATCH, processor.batchSize);
  let records = 0;
  let open: OpenBatch | undefined;
  const send = () => {
    const batch = open;
    if (!batch) return;
    open = undefined;
    clearTimeout(batch.timer);
    processor.processBatch(batch.texts).then(
      (outcomes) => batch.settle.forEach((settle, index) => settle({ outcome: outcomes[index]! })),
      (error: unknown) => batch.settle.forEach((settle) => settle({ error })),
    );
  };
  // The clock runs only while reading: waiting for older batches is not the input being quiet.
  const armTimer = () => {
    if (open && open.timer === undefined) open.timer = setTimeout(send, QUIET_MS);
  };
  const disarmTimer = () => {
    clearTimeout(open?.timer);
    if (open) open.timer = undefined;
  };
  const encode = (record: RawRecord): UnderWay => {
    const batch = (open ??= { texts: [], settle: [] });
    batch.texts.push(record.text);
    armTimer();
    // Settled, never rejected, so a failure is never an unhandled rejection while older records are still being written.
    const settled = new Promise<Settled>((resolve) => batch.settle.push(resolve));
    if (batch.texts.length >= nextBatchSize) {
      send();
      nextBatchSize = Math.min(nextBatchSize * 2, processor.batchSize);
    }
    return { record, settled, batch };
  };
  const deliverOldest = async () => {
    const oldest = underWay.shift()!;
    if ("warning" in oldest) return deliveries.warning(oldest.warning);
    records--;
    // Waiting on a record of the batch still open would wait for ever: it goes now.
    if (oldest.batch !== undefined && oldest.batch === open) send();
    const result = await oldest.settled;
    if ("error" in result) throw result.error;
    await deliveries.record(oldest.record, result.outcome);
  };
  try {
    let index = 0;
    for await (const item of items) {
      if ("warning" in item) {
        underWay.push({ warning: item });
        continue;
      }
      if (!inShard(shard, index++)) continue;
      underWay.push(item.problem !== undefined ? { record: item, settled: Promise.resolve({ outcome: reject("invalid-json", item.problem) }) } : encode(item));
      records++;
      if (records >= capacity) {
        // A whole batch's room at once, so that the next batch fills in one go.
        disarmTimer();
        while (records > capacity - processor.batchSize) await deliverOldest();
        armTimer();
      }
    }
    send();
    while (underWay.length > 0) await deliverOldest();
  } finally {
    disarmTimer();
  }
}
