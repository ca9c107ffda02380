import { ByteWriter } from "hyparquet-writer";
import { writeColumn } from "hyparquet-writer/src/column.js";
import { snappyCompress } from "hyparquet-writer/src/snappy.js";
import { describe, expect, test } from "vitest";
import { writeDenseIntColumn } from "../src/io/parquet-int-column.ts";

type ColumnEncoder = Parameters<typeof writeColumn>[0]["column"];

const SCHEMA_PATH: ColumnEncoder["schemaPath"] = [
  { name: "root", num_children: 1 },
  { name: "input_ids", repetition_type: "OPTIONAL", num_children: 1, converted_type: "LIST" },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
];

/** The column options `writeRowGroup` gives hyparquet-writer (its `ParquetWriter.write` defaults). */
const ENCODER: ColumnEncoder = {
  columnName: "input_ids.list.element",
  element: SCHEMA_PATH.at(-1)!,
  schemaPath: SCHEMA_PATH,
  codec: "SNAPPY",
  compressors: { SNAPPY: snappyCompress },
  stats: true,
  pageSize: 1_048_576,
  columnIndex: false,
  offsetIndex: true,
};

/** A column of rows of the given lengths, every slot a value: `value(i)` is the i-th id of the column. */
function column(lengths: number[], value: (index: number) => number) {
  const count = lengths.reduce((sum, length) => sum + length, 0);
  const values = Int32Array.from({ length: count }, (_, index) => value(index));
  const definitionLevels = new Uint8Array(count).fill(3);
  const repetitionLevels = new Uint8Array(count).fill(1);
  let start = 0;
  for (const length of lengths) {
    repetitionLevels[start] = 0;
    start += length;
  }
  return { values, definitionLevels, repetitionLevels, maxDefinitionLevel: 3 };
}

/** Written after a few bytes, so that offsets in the metadata are not zero. */
function written<T>(write: (writer: ByteWriter) => T): { bytes: Uint8Array; result: T } {
  const writer = new ByteWriter();
  writer.appendUint32(0x31524150);
  const result = write(writer);
  return { bytes: writer.getBytes().slice(), result };
}

const lengths = (rows: number, longest: number) => Array.from({ length: rows }, (_, row) => 1 + ((row * 7919) % longest));
const total = (rows: number[]) => rows.reduce((sum, length) => sum + length, 0);

const CASES: Array<[string, ReturnType<typeof column>]> = [
  ["token ids (dictionary, looked up by value)", column(lengths(300, 900), (index) => (index * 104_729) % 20_011)],
  ["labels with -100 and zeros", column(lengths(200, 400), (index) => (index % 3 === 0 ? -100 : index % 5 === 0 ? 0 : (index * 31) % 5_000))],
  ["a constant column (attention_mask)", column(lengths(100, 300), () => 1)],
  ["only zeros (statistics -0 and +0)", column(lengths(50, 20), () => 0)],
  ["a few values spanning all of int32 (dictionary in a Map)", column(lengths(100, 100), (index) => [-2_147_483_648, 2_147_483_647, 0, 5][index % 4]!)],
  ["distinct values (the sample rejects a dictionary)", column(lengths(100, 500), (index) => index * 17 - 1_000_000)],
  ["half constant, half distinct (sampled, then too big: plain)", column(lengths(400, 100), (index) => (index < total(lengths(400, 100)) / 2 ? 7 : index))],
  ["more than a page of values: pages at row starts and an offset index", column(lengths(1_400, 1_000), (index) => (index * 7_919) % 151_000)],
  ["one value", column([1], () => 42)],
];

describe("writeDenseIntColumn: hyparquet-writer's writeColumn over typed arrays", () => {
  test.each(CASES)("%s: the same bytes and column metadata as writeColumn", (_, data) => {
    const pageData = {
      values: Array.from(data.values),
      definitionLevels: Array.from(data.definitionLevels),
      repetitionLevels: Array.from(data.repetitionLevels),
      maxDefinitionLevel: data.maxDefinitionLevel,
    };
    const expected = written((writer) => writeColumn({ writer, column: ENCODER, pageData }));
    const actual = written((writer) => writeDenseIntColumn(writer, ENCODER, data));
    expect(actual.bytes.length).toBe(expected.bytes.length);
    expect(Buffer.compare(actual.bytes, expected.bytes)).toBe(0);
    expect(actual.result).toEqual(expected.result);
  });

  test("the cases cover both encodings, several pages, and both dictionary lookups", () => {
    const results = CASES.map(([, data]) => written((writer) => writeDenseIntColumn(writer, ENCODER, data)).result);
    const encodings = results.map((result) => result.chunk.meta_data!.encodings.at(-1));
    expect(new Set(encodings)).toEqual(new Set(["PLAIN", "RLE_DICTIONARY"]));
    expect(results.some((result) => (result.offsetIndex?.page_locations.length ?? 0) > 2)).toBe(true);
    expect(results.map((result) => result.chunk.meta_data!.statistics!.min_value)).toContain(-2_147_483_648);
  });

  test("refuses options it does not follow rather than write other bytes", () => {
    const data = column([2], () => 1);
    expect(() => written((writer) => writeDenseIntColumn(writer, { ...ENCODER, columnIndex: true }, data))).toThrow(/options this writer does not follow/);
    expect(() => written((writer) => writeDenseIntColumn(writer, { ...ENCODER, element: { ...ENCODER.element, converted_type: "UINT_32" } }, data))).toThrow(/not a plain INT32/);
  });
});
