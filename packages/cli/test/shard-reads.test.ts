import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { ByteCounter } from "../src/io/byte-counter.ts";
import { rangeRecords } from "../src/io/jsonl-range.ts";
import { RecordSource } from "../src/io/record-source.ts";
import { localRange, partitionUnits, shardBoundary } from "../src/io/shard-plan.ts";
import { makeTempDir } from "./helpers.ts";

describe("partitionUnits", () => {
  test("contiguous runs of about equal bytes, each unit once", () => {
    expect(partitionUnits([10, 10, 10, 10, 10, 10], 3)).toEqual([0, 2, 4, 6]);
    expect(partitionUnits([50, 10, 10, 10, 10, 10], 2)).toEqual([0, 1, 6]);
  });

  test("with at least N units, no shard is left without one; with fewer, some are", () => {
    expect(partitionUnits([100, 1, 1], 3)).toEqual([0, 1, 2, 3]);
    expect(partitionUnits([1, 1, 100], 3)).toEqual([0, 1, 2, 3]);
    expect(partitionUnits([5, 5], 3)).toEqual([0, 1, 1, 2]);
    expect(partitionUnits([], 2)).toEqual([0, 0, 0]);
  });

  test("the shard boundaries tile the bytes; a file's part is clipped to it", () => {
    expect([0, 1, 2, 3].map((k) => shardBoundary(100, 3, k))).toEqual([0, 33, 66, 100]);
    expect(localRange(40, 50, 33, 66)).toEqual({ start: 0, end: 26 });
    expect(localRange(40, 50, 66, 100)).toEqual({ start: 26, end: 50 });
    expect(localRange(0, 20, 33, 66)).toEqual({ start: 20, end: 20 });
  });
});

describe("rangeRecords: the lines that start in a byte range", () => {
  let dir: string;
  beforeAll(async () => (dir = await makeTempDir()));

  // Lines of different lengths, a blank one, CRLF, multi-byte characters, no final newline.
  const LINES = ['{"a": 1}', "", '{"b": "ünïcödé 😀"}\r', '{"c": 3}', "x".repeat(9000), '{"d": "中文"}', '{"e": 5}'];
  const TEXT = `\uFEFF${LINES.join("\n")}`;

  async function readAll(path: string, format: "jsonl") {
    const source = await RecordSource.open(path, process.stdin);
    const records = [];
    for await (const record of source.records(format, () => undefined)) records.push(record);
    return records;
  }

  test.each([1, 2, 3, 5, 7, 40])("%i ranges: every line once, in order, named by line from the file's start and by byte offset after", async (count) => {
    const path = join(dir, `lines-${count}.jsonl`);
    await writeFile(path, TEXT);
    const size = Buffer.byteLength(TEXT);
    const whole = await readAll(path, "jsonl");
    const bytes = Buffer.from(TEXT);
    const texts: string[] = [];
    let read = 0;
    for (let k = 0; k < count; k++) {
      const range = { start: shardBoundary(size, count, k), end: shardBoundary(size, count, k + 1) };
      const counter = new ByteCounter();
      for await (const record of rangeRecords(path, range, counter, () => false, undefined)) {
        texts.push(record.text);
        if (range.start === 0) {
          expect(record.location).toBeUndefined();
        } else {
          // The offset names the line: it starts there, after a newline.
          expect(record.location).toEqual({ file: path, unit: "byte" });
          expect(bytes[record.number - 1]).toBe(0x0a);
          expect(record.number).toBeGreaterThanOrEqual(range.start);
          expect(record.number).toBeLessThan(range.end);
        }
      }
      read += counter.bytes;
    }
    expect(texts).toEqual(whole.map((record) => record.text));
    // Each range reads its bytes, the byte before it and the rest of the line that straddles its end.
    expect(read).toBeGreaterThanOrEqual(size);
    if (count <= 3) expect(read).toBeLessThan(size + count * (9001 + 8192));
  });

  test("a range from the start numbers lines as a run without shards does", async () => {
    const path = join(dir, "numbered.jsonl");
    await writeFile(path, TEXT);
    const numbers = [];
    for await (const record of rangeRecords(path, { start: 0, end: 20 }, new ByteCounter(), () => false, undefined)) numbers.push(record.number);
    expect(numbers).toEqual([1, 3]);
    expect((await readAll(path, "jsonl")).slice(0, 2).map((record) => record.number)).toEqual([1, 3]);
  });
});
