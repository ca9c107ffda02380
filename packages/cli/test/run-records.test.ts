import { describe, expect, it } from "vitest";
import type { Outcome } from "../src/encoding/encode-record.ts";
import type { RawRecord, SourceItem } from "../src/io/record-source.ts";
import type { RecordProcessor } from "../src/pipeline/processor.ts";
import { runRecords } from "../src/pipeline/run-records.ts";
import { reject } from "../src/records/rejection.ts";

/** Encodes a record as its text, after a delay that makes later batches finish before earlier ones. */
class FakeProcessor implements RecordProcessor {
  readonly batches: string[][] = [];
  underWay = 0;
  maxUnderWay = 0;

  constructor(
    readonly batchSize: number,
    readonly batchesInFlight: number,
    private readonly delayMs: (batch: number) => number,
  ) {}

  async processBatch(texts: string[]): Promise<Outcome[]> {
    const batch = this.batches.push(texts) - 1;
    this.underWay += texts.length;
    this.maxUnderWay = Math.max(this.maxUnderWay, this.underWay);
    await new Promise((resolve) => setTimeout(resolve, this.delayMs(batch)));
    this.underWay -= texts.length;
    if (texts.includes("fatal")) throw new Error("the processor broke");
    return texts.map((text) => (text.startsWith("bad") ? reject("invalid-message", text) : { ok: true, line: text, tokens: 1, trainedTokens: 1 }));
  }

  async close(): Promise<void> {}
}

async function* recordsOf(texts: readonly string[], pauseMs = 0): AsyncGenerator<SourceItem> {
  let number = 0;
  for (const text of texts) {
    if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    number++;
    yield text === "damaged" ? { number, text, problem: "not JSON" } : { number, text };
  }
}

function collector() {
  const delivered: string[] = [];
  const deliveries = {
    record: async (record: RawRecord, outcome: Outcome) => {
      delivered.push(outcome.ok ? outcome.line! : `${record.number}: ${outcome.kind}`);
    },
    warning: () => undefined,
  };
  return { delivered, deliveries };
}

describe("runRecords: batches, in input order, with bounded memory", () => {
  it("delivers every outcome in input order, though later batches finish first", async () => {
    const texts = Array.from({ length: 103 }, (_, index) => (index % 17 === 3 ? `bad ${index}` : index === 50 ? "damaged" : `record ${index}`));
    const processor = new FakeProcessor(8, 3, (batch) => (batch % 3 === 0 ? 15 : 1));
    const { delivered, deliveries } = collector();
    await runRecords(recordsOf(texts), processor, deliveries);
    expect(delivered).toEqual(texts.map((text, index) => (text.startsWith("bad") ? `${index + 1}: invalid-message` : text === "damaged" ? `${index + 1}: invalid-json` : text)));
    // Full batches, but for the last one; the damaged record never reaches the processor.
    expect(processor.batches.slice(0, -1).every((batch) => batch.length === 8)).toBe(true);
    expect(processor.batches.flat()).toHaveLength(102);
  });

  it("starts with a small batch and doubles up to the processor's size, so the tokenizer starts at once", async () => {
    const processor = new FakeProcessor(256, 2, () => 1);
    await runRecords(recordsOf(Array.from({ length: 1000 }, (_, index) => `r${index}`)), processor, collector().deliveries);
    expect(processor.batches.map((batch) => batch.length)).toEqual([16, 32, 64, 128, 256, 256, 248]);
  });

  it("never has more than batchSize × batchesInFlight records being encoded", async () => {
    const processor = new FakeProcessor(4, 2, () => 2);
    await runRecords(recordsOf(Array.from({ length: 60 }, (_, index) => `r${index}`)), processor, collector().deliveries);
    expect(processor.maxUnderWay).toBeGreaterThan(4);
    expect(processor.maxUnderWay).toBeLessThanOrEqual(8);
  });

  it("encodes what a slow input has sent while it waits for more (a partial batch goes after a quiet spell)", async () => {
    const processor = new FakeProcessor(256, 2, () => 0);
    const seenBeforeEnd: number[] = [];
    async function* slow(): AsyncGenerator<SourceItem> {
      yield* recordsOf(["a", "b", "c"]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      seenBeforeEnd.push(processor.batches.flat().length);
      yield* recordsOf(["d"]);
    }
    const { delivered, deliveries } = collector();
    await runRecords(slow(), processor, deliveries);
    expect(seenBeforeEnd).toEqual([3]);
    expect(delivered).toEqual(["a", "b", "c", "d"]);
  });

  it("a processor failure ends the run with its error", async () => {
    const processor = new FakeProcessor(4, 2, () => 1);
    const texts = Array.from({ length: 20 }, (_, index) => (index === 9 ? "fatal" : `r${index}`));
    await expect(runRecords(recordsOf(texts), processor, collector().deliveries)).rejects.toThrow("the processor broke");
  });
});
