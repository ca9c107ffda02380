import type { Readable } from "node:stream";
import { CliError } from "../cli-error.ts";
import { isHubDatasetUri, parseHubDatasetUri } from "../hub/hub-dataset.ts";
import { downloadDataset } from "../hub/download-dataset.ts";
import type { HubSettings } from "../hub/hub-settings.ts";
import { isParquetPath, resolveInputFiles, type InputFile } from "./input-files.ts";
import { STDIO_PATH } from "./jsonl.ts";
import { parquetRecords } from "./parquet-records.ts";
import { RecordSource, type InputFormat, type SourceItem } from "./record-source.ts";

/** `--input-format`: the text formats, or Parquet (`auto` knows Parquet by the `.parquet` extension). */
export type DatasetFormat = InputFormat | "parquet";
export const DATASET_FORMATS: readonly DatasetFormat[] = ["auto", "jsonl", "json", "parquet"];

export interface DatasetSourceOptions {
  format: DatasetFormat;
  /** The Parquet columns a record needs; others are not read. */
  parquetColumns: ReadonlySet<string>;
  /** For `hf://datasets/…` inputs. */
  hub: HubSettings;
}

/**
 * The records of `--input`: stdin, one file, a folder of shards, a wildcard, or a Hub dataset's Parquet files, read
 * file after file in name order, each in bounded memory. With more than one file, or Parquet, each record says which
 * file it came from.
 */
export class DatasetSource {
  private doneBytes = 0;
  private current: { bytesRead: number } | undefined;
  private stopped = false;
  private textSource: RecordSource | undefined;

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
    const files = isHubDatasetUri(spec) ? await downloadDataset(parseHubDatasetUri(spec), spec, options.hub) : await resolveInputFiles(spec);
    return new DatasetSource(files, stdin, options);
  }

  get bytesRead(): number {
    return this.doneBytes + (this.current?.bytesRead ?? 0);
  }

  /** The input's size when it is files. */
  get totalBytes(): number | undefined {
    return this.files.length === 0 ? undefined : this.files.reduce((sum, file) => sum + file.bytes, 0);
  }

  /** Ends `items()` after the chunk or row group being read (for an interrupted run). */
  stop(): void {
    this.stopped = true;
    this.textSource?.stop();
  }

  async *items(): AsyncGenerator<SourceItem> {
    if (this.files.length === 0) {
      yield* this.textItems(STDIO_PATH, false);
      return;
    }
    const named = this.files.length > 1;
    for (const file of this.files) {
      if (this.stopped) return;
      if (this.options.format === "parquet" || (this.options.format === "auto" && isParquetPath(file.path))) yield* this.parquetItems(file);
      else yield* this.textItems(file.path, named);
      this.current = undefined;
      this.doneBytes += file.bytes;
    }
  }

  private async *parquetItems(file: InputFile): AsyncGenerator<SourceItem> {
    const position = { bytesRead: 0 };
    this.current = position;
    yield* parquetRecords(file.path, this.options.parquetColumns, (bytes) => (position.bytesRead = Math.min(file.bytes, position.bytesRead + bytes)), () => this.stopped);
  }

  private async *textItems(path: string, named: boolean): AsyncGenerator<SourceItem> {
    if (this.options.format === "parquet") throw new CliError("INPUT", `${path} is not Parquet`);
    const source = await RecordSource.open(path, this.stdin);
    this.textSource = source;
    this.current = source;
    const format = this.options.format;
    const location = named ? { file: path, unit: "line" as const } : undefined;
    for await (const item of source.items(format)) yield location ? { ...item, location } : item;
    this.textSource = undefined;
  }
}
