import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { JsonArrayScanner, type ScannedElement } from "../src/io/json-array-scanner.ts";
import { LineSplitter } from "../src/io/line-splitter.ts";
import { RecordSource } from "../src/io/record-source.ts";

/** Feeds `text` to a scanner in chunks of `size` characters. */
function scan(text: string, size: number) {
  const warnings: string[] = [];
  const scanner = new JsonArrayScanner((line, message) => warnings.push(`${line}: ${message}`));
  const elements: ScannedElement[] = [];
  for (let start = 0; start < text.length; start += size) elements.push(...scanner.feed(text.slice(start, start + size)));
  elements.push(...scanner.end());
  return { elements, warnings };
}

const CHUNK_SIZES = [1, 2, 7, 64, 1_000_000];

describe("JsonArrayScanner", () => {
  const records = [
    { messages: [{ role: "user", content: 'brackets ] } [ { and "quotes" and \\ backslashes' }] },
    { messages: [], nested: [[1, [2]], { a: { b: "}" } }] },
    "a string",
    42,
    null,
  ];
  const text = JSON.stringify(records, null, 2);

  test.each(CHUNK_SIZES)("chunks of %i characters: every element whole, with the line it starts on", (size) => {
    const { elements, warnings } = scan(text, size);
    expect(warnings).toEqual([]);
    expect(elements.map((element) => JSON.parse(element.text))).toEqual(records);
    const lines = text.split("\n");
    for (const element of elements) expect(lines[element.number - 1]!.trim().startsWith(element.text.slice(0, 1))).toBe(true);
    expect(elements.every((element) => element.problem === undefined)).toBe(true);
  });

  test("an empty array, and one with a trailing comma, give nothing and no warning", () => {
    expect(scan("[]", 1)).toEqual({ elements: [], warnings: [] });
    expect(scan('[{"a": 1},\n]', 3).elements.map((element) => element.text)).toEqual(['{"a": 1}']);
  });

  test.each(CHUNK_SIZES)("damage loses no element (chunks of %i)", (size) => {
    const damaged = '[{"a": 1}\n{"b": 2}, 3]\n[{"c": 3}] {"d": 4}';
    const { elements, warnings } = scan(damaged, size);
    expect(elements.map((element) => element.text)).toEqual(['{"a": 1}', '{"b": 2}', "3", '{"c": 3}', '{"d": 4}']);
    expect(elements.map((element) => element.number)).toEqual([1, 2, 2, 3, 3]);
    expect(warnings).toEqual([
      '2: expected "," or "]" between records',
      "3: a second JSON array starts here; its records are read too",
      "3: text after the closing ] is read as more records",
      "3: the JSON array is not closed with ]",
    ]);
  });

  test("a cut-off element is reported as such", () => {
    const { elements, warnings } = scan('[{"a": 1},\n {"b": [2, ', 4);
    expect(elements).toEqual([
      { number: 1, text: '{"a": 1}' },
      { number: 2, text: '{"b": [2, ', problem: "the input ends inside this record (the JSON array is cut off)" },
    ]);
    expect(warnings).toEqual(["2: the JSON array is not closed with ]"]);
  });
});

describe("LineSplitter", () => {
  test.each(CHUNK_SIZES)("\\n and \\r\\n end lines, a last line without newline counts (chunks of %i)", (size) => {
    const text = 'one\r\ntwo\n\nthree "long" line\nlast';
    const splitter = new LineSplitter();
    const lines: string[] = [];
    for (let start = 0; start < text.length; start += size) lines.push(...splitter.feed(text.slice(start, start + size)));
    const last = splitter.end();
    if (last !== undefined) lines.push(last);
    expect(lines).toEqual(["one", "two", "", 'three "long" line', "last"]);
  });
});

describe("RecordSource", () => {
  async function recordsOf(content: string | Buffer[], format: "auto" | "jsonl" | "json" = "auto") {
    const stdin = Readable.from(typeof content === "string" ? [Buffer.from(content)] : content);
    const source = await RecordSource.open("-", stdin);
    const out = [];
    for await (const record of source.records(format, () => {})) out.push(record);
    return { out, bytes: source.bytesRead };
  }

  test("auto: a first [ (after a byte order mark and blank lines) means a JSON array, anything else JSON Lines", async () => {
    const array = await recordsOf('\uFEFF\n\n  [{"a": 1}, {"b": 2}]');
    expect(array.out).toEqual([{ number: 3, text: '{"a": 1}' }, { number: 3, text: '{"b": 2}' }]);
    const lines = await recordsOf('\uFEFF{"a": 1}\n\n{"b": 2}');
    expect(lines.out).toEqual([{ number: 1, text: '{"a": 1}' }, { number: 3, text: '{"b": 2}' }]);
    expect(lines.bytes).toBe(Buffer.byteLength('\uFEFF{"a": 1}\n\n{"b": 2}'));
  });

  test("a character cut between chunks is decoded whole", async () => {
    const bytes = Buffer.from('{"text": "漢字 👋"}\n');
    const pieces = Array.from(bytes, (byte) => Buffer.from([byte]));
    const { out } = await recordsOf(pieces);
    expect(out).toEqual([{ number: 1, text: '{"text": "漢字 👋"}' }]);
  });

  test("--input-format jsonl reads a line starting with [ as a record", async () => {
    const { out } = await recordsOf("[1, 2]\n", "jsonl");
    expect(out).toEqual([{ number: 1, text: "[1, 2]" }]);
  });
});
