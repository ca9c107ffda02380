import type { Readable } from "node:stream";
import { CliError } from "../cli-error.ts";
import { isHubDatasetUri, parseHubDatasetUri } from "../hub/hub-dataset.ts";
import { downloadDataset } from "../hub/download-dataset.ts";
import type { HubSettings } from "../hub/hub-settings.ts";
import { inShard, type Shard } from "../pipeline/shard.ts";
import { ByteCounter } from "./byte-counter.ts";
import { isParquetPath, resolveInputFiles, type InputFile } from "./input-files.ts";
import { rangeRecords } from "./jsonl-range.ts";
import { STDIO_PATH } from "./jsonl.ts";
import { openParquet, parquetRecords } from "./parquet-records.ts";
import { RecordSource, type InputFormat, type SourceItem } from "./record-source.ts";
import { describeRead, ownWholeFiles, shardReads, wholeReads, type InputRead } from "./shard-reads.ts";

/** `--input-format`: the text formats, or Parquet (`auto` knows Parquet by the `.parquet` extension). */
export type DatasetFormat = InputFormat | "parquet";
export const DATASET_FORMATS: readonly DatasetFormat[] = ["auto", "jsonl", "json", "parquet"];

export interface DatasetSourceOptions {
  format: DatasetFormat;
  /** The Parquet columns a record needs; others are not read. */
  parquetColumns: ReadonlySet<string>;
  /** For `hf://datasets/…` inputs. */
  hub: HubSettings;
  /** `--shard I/N`: read only this shard's part of the input (see `shardReads`). */
  shard?: Shard | undefined;
}

/**
 * The records of `--input`: stdin, one file, a folder of shards, a wildcard, or a Hub dataset's Parquet files, read
 * file after file in name order, each in bounded memory. With more than one file, or Parquet, each record says which
 * file it came from. With a shard, only its part of the files is read; stdin cannot be divided without reading it,
 * so a shard of stdin reads it all and keeps the records whose index i has i % N == I.
 */
export class DatasetSource {
  private doneBytes = 0;
  private current: { bytesRead: number } | undefined;
  private stopped = false;
  private textSource: RecordSource | undefined;
  private readonly counter = new ByteCounter();
  private plan: InputRead[] | undefined;

  private constructor(
    readonly files: InputFile[],
    private readonly stdin: Readable,
    private readonly options: DatasetSourceOptions,
  ) {}

  static async open(spec: string, stdin: Readable, options: DatasetSourceOptions): Promise<DatasetSource> {
    if (spec === STDIO_PATH) {
      if (options.format === "parquet") throw new CliError("USAGE", "--input-format parquet reads files, not stdin: pass a .parquet file or folder");
      return new DatasetSource([], stdin, options);
    }
    const { shard } = options;
    const isParquet = (file: InputFile) => options.format === "parquet" || (options.format === "auto" && isParquetPath(file.path));
    // A shard of a Hub dataset of at least N files downloads only the files it reads.
    const wanted = shard ? (listed: InputFile[]) => ownWholeFiles(listed, shard, isParquet) : undefined;
    const files = isHubDatasetUri(spec) ? await downloadDataset(parseHubDatasetUri(spec), spec, options.hub, wanted) : await resolveInputFiles(spec);
    const source = new DatasetSource(files, stdin, options);
    const textFormat = options.format === "parquet" ? "auto" : options.format;
    source.plan = shard ? await shardReads(files, shard, isParquet, textFormat, source.counter) : wholeReads(files, isParquet);
    return source;
  }

  /** How far reading has got, for progress: bytes of this run's part of the input. */
  get bytesRead(): number {
    return this.doneBytes + (this.current?.bytesRead ?? 0);
  }

  /** The size of this run's part of the input when it is files (with a shard, about 1/N of the files). */
  get totalBytes(): number | undefined {
    return this.plan === undefined || this.files.length === 0 ? undefined : this.plan.reduce((sum, read) => sum + read.bytes, 0);
  }

  /** The bytes actually read from the input (footers and the columns read, for Parquet): `input.bytesRead`. */
  get inputBytesRead(): number {
    return this.counter.bytes + (this.textSource?.bytesRead ?? 0);
  }

  /** With a shard, the parts of the files it reads, in order (`summary.json`'s `input.parts`). */
  get parts(): Array<Record<string, unknown>> | undefined {
    return this.options.shard && this.plan ? this.plan.map(describeRead) : undefined;
  }

  /** Ends `items()` after the chunk or row group being read (for an interrupted run). */
  stop(): void {
    this.stopped = true;
    this.textSource?.stop();
  }

  async *items(): AsyncGenerator<SourceItem> {
    if (this.files.length === 0) {
      yield* this.stdinItems();
      return;
    }
    const named = this.files.length > 1;
    for (const read of this.plan ?? []) {
      if (this.stopped) return;
      if (read.kind === "parquet") yield* this.parquetItems(read);
      else if (read.kind === "lines") yield* this.lineItems(read, named);
      else yield* this.textItems(read.file.path, named);
      this.current = undefined;
      this.doneBytes += read.bytes;
    }
  }

  private async *stdinItems(): AsyncGenerator<SourceItem> {
    let index = 0;
    for await (const item of this.textItems(STDIO_PATH, false)) {
      if ("warning" in item || inShard(this.options.shard, index++)) yield item;
    }
  }

  private async *parquetItems(read: Extract<InputRead, { kind: "parquet" }>): AsyncGenerator<SourceItem> {
    const position = { bytesRead: 0 };
    this.current = position;
    const input = read.opened ?? (await openParquet(read.file.path, this.counter));
    const onRowGroupRead = (bytes: number) => (position.bytesRead = Math.min(read.bytes, position.bytesRead + bytes));
    yield* parquetRecords(input, this.options.parquetColumns, onRowGroupRead, () => this.stopped, read.groups);
  }

  private async *lineItems(read: Extract<InputRead, { kind: "lines" }>, named: boolean): AsyncGenerator<SourceItem> {
    if (this.options.format === "parquet") throw new CliError("INPUT", `${read.file.path} is not Parquet`);
    const before = this.counter.bytes;
    const progress = { bytesRead: 0 };
    this.current = progress;
    const location = named ? { file: read.file.path, unit: "line" as const } : undefined;
    for await (const record of rangeRecords(read.file.path, read.range, this.counter, () => this.stopped, location)) {
      progress.bytesRead = Math.min(read.bytes, this.counter.bytes - before);
      yield record;
    }
  }

  private async *textItems(path: string, named: boolean): AsyncGenerator<SourceItem> {
    if (this.options.format === "parquet") throw new CliError("INPUT", `${path} is not Parquet`);
    const source = await RecordSource.open(path, this.stdin);
    this.textSource = source;
    this.current = source;
    const format = this.options.format;
    const location = named ? { file: path, unit: "line" as const } : undefined;
    try {
      for await (const item of source.items(format)) yield location ? { ...item, location } : item;
    } finally {
      this.counter.add(source.bytesRead);
      this.textSource = undefined;
    }
  }
}
