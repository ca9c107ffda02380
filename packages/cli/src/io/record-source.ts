import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { CliError, messageOf } from "../cli-error.ts";
import { openInput, STDIO_PATH } from "./jsonl.ts";
import { JsonArrayScanner } from "./json-array-scanner.ts";
import { LineSplitter } from "./line-splitter.ts";

/** `auto` reads a JSON array when the first character is `[`, JSON Lines otherwise. */
export type InputFormat = "auto" | "jsonl" | "json";

export const INPUT_FORMATS: readonly InputFormat[] = ["auto", "jsonl", "json"];

/** Where a record is when the input is more than one text file, or Parquet (whose records are rows, not lines). */
export interface RecordLocation {
  file: string;
  /**
   * Parquet rows are counted from 0, as `datasets` and pandas index them; lines from 1. A shard that starts reading a
   * JSON Lines file mid-file names records by the byte offset (from 0) of their line instead: see `rangeRecords`.
   */
  unit: "line" | "row" | "byte";
}

/** One record as it stands in the input: its text and the (1-based) line it starts on, or its row. */
export interface RawRecord {
  number: number;
  text: string;
  /** Set when the input itself is damaged around this record (it cannot be whole). */
  problem?: string;
  location?: RecordLocation;
}

/** Damage in the input that loses no record (a missing comma in a JSON array), reported where it is. */
export interface SourceWarning {
  number: number;
  warning: string;
  location?: RecordLocation;
}

/** How messages name a record: `line 7`, or `data/train-00001.parquet row 41`. */
export function recordLabel(record: { number: number; location?: RecordLocation | undefined }): string {
  return record.location ? `${record.location.file} ${record.location.unit} ${record.number}` : `line ${record.number}`;
}

/** The same for a rejects entry: `{ line }`, or `{ file, row }` / `{ file, line }`. */
export function recordPosition(record: RawRecord): Record<string, string | number> {
  return record.location ? { file: record.location.file, [record.location.unit]: record.number } : { line: record.number };
}

export type SourceItem = RawRecord | SourceWarning;

/**
 * The records of an input file or stdin, read as they come: memory holds one chunk and the record being read,
 * whatever the file's size. Counts the bytes read so progress can estimate what is left.
 */
export class RecordSource {
  bytesRead = 0;
  private stopped = false;

  private constructor(
    private readonly stream: Readable,
    private readonly name: string,
    /** The input's size when it is a regular file. */
    readonly totalBytes: number | undefined,
  ) {}

  static async open(path: string, stdin: Readable): Promise<RecordSource> {
    const info = path === STDIO_PATH ? undefined : await stat(path).catch(() => undefined);
    if (info?.isDirectory()) throw new CliError("INPUT", `cannot read ${path}: it is a folder`);
    const stream = await openInput(path, stdin);
    return new RecordSource(stream, path === STDIO_PATH ? "stdin" : path, info?.isFile() ? info.size : undefined);
  }

  /** Ends `records()` after the chunk being read (for an interrupted run). */
  stop(): void {
    this.stopped = true;
    this.stream.destroy();
  }

  /** The records; `onWarning` hears, as they are met, of damage that loses no record. Blank lines are skipped. */
  async *records(format: InputFormat, onWarning: (line: number, message: string) => void): AsyncGenerator<RawRecord> {
    for await (const item of this.items(format)) {
      if ("warning" in item) onWarning(item.number, item.warning);
      else yield item;
    }
  }

  /** Records and warnings in input order; blank lines of JSON Lines are skipped. */
  async *items(format: InputFormat): AsyncGenerator<SourceItem> {
    const warnings: SourceWarning[] = [];
    const onWarning = (number: number, warning: string) => warnings.push({ number, warning });
    // Warnings are raised while a chunk is scanned: they go out before the next record, so stderr follows the input.
    function* withWarnings(records: Iterable<RawRecord>): Generator<SourceItem> {
      for (const record of records) {
        yield* warnings.splice(0);
        yield record;
      }
      yield* warnings.splice(0);
    }
    const decoder = new StringDecoder("utf8");
    let reader: ChunkReader | undefined = format === "auto" ? undefined : readerFor(format, onWarning);
    let head = "";
    let atStart = true;
    try {
      for await (const chunk of this.stream as AsyncIterable<Buffer | string>) {
        if (this.stopped) return;
        this.bytesRead += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
        let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
        if (atStart && text !== "") {
          atStart = false;
          if (text.startsWith("\uFEFF")) text = text.slice(1);
        }
        if (reader === undefined) {
          // Undecided until the first character that is not whitespace.
          head += text;
          const first = /\S/.exec(head);
          if (!first) continue;
          reader = readerFor(first[0] === "[" ? "json" : "jsonl", onWarning);
          text = head;
          head = "";
        }
        yield* withWarnings(reader.feed(text));
      }
    } catch (error) {
      if (this.stopped) return;
      throw new CliError("INPUT", `cannot read ${this.name}: ${messageOf(error)}`, { cause: error });
    }
    if (reader === undefined) return;
    yield* withWarnings(reader.feed(decoder.end()));
    yield* withWarnings(reader.end());
  }
}

interface ChunkReader {
  feed(text: string): Iterable<RawRecord>;
  end(): Iterable<RawRecord>;
}

function readerFor(format: "jsonl" | "json", onWarning: (line: number, message: string) => void): ChunkReader {
  return format === "json" ? new JsonArrayScanner(onWarning) : new JsonLinesReader();
}

class JsonLinesReader implements ChunkReader {
  private readonly splitter = new LineSplitter();
  private number = 0;

  *feed(text: string): Generator<RawRecord> {
    for (const line of this.splitter.feed(text)) yield* this.record(line);
  }

  *end(): Generator<RawRecord> {
    const last = this.splitter.end();
    if (last !== undefined) yield* this.record(last);
  }

  private *record(line: string): Generator<RawRecord> {
    this.number++;
    if (line.trim() !== "") yield { number: this.number, text: line };
  }
}
