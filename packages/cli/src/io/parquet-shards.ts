import { open, readdir, rename, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { CliError, messageOf } from "../cli-error.ts";
import { encodedRow, type Encoded } from "../encoding/encode-record.ts";
import type { RowOutput } from "../pipeline/record-sink.ts";

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

/** Where the shards go: `dir/stem-00000-of-00004.parquet`, … */
export interface ParquetTarget {
  dir: string;
  stem: string;
}

export interface ParquetShardOptions {
  rowsPerShard: number;
  /** list<int32> columns, in order (`input_ids`, `attention_mask`, `assistant_masks`, `labels`). */
  idColumns: readonly string[];
  /** `--include-text`: a string column. */
  text: boolean;
  /** `--keep-columns`: strings when every value of the first row group is one, JSON text otherwise. */
  keptColumns: readonly string[];
  /** Written into each file's footer (`key_value_metadata`). */
  metadata: Record<string, string>;
}

/**
 * Row groups end at this many rows or tokens, whichever comes first: `datasets` streaming and pyarrow's
 * `iter_batches` read a row group at a time, and the viewer on the Hub wants them well under 100 MB.
 */
export const ROW_GROUP_ROWS = 1_000;
const ROW_GROUP_TOKENS = 2_000_000;

/** One finished file. */
export interface ShardFile {
  path: string;
  rows: number;
}

/**
 * Writes rows into Parquet shards of at most `rowsPerShard` rows, a row group at a time (memory holds one row group).
 * How many shards there will be is known only at the end, so each is written as `stem-00000.parquet.partial` and
 * renamed to the Hub's `stem-00000-of-00004.parquet` by `close()`; a run that stops early leaves only `.partial`
 * files, which no `*.parquet` pattern picks up.
 */
export class ParquetShardWriter implements RowOutput {
  private readonly partials: ShardFile[] = [];
  private file: OpenShard | undefined;
  private buffer: Array<Record<string, unknown>> = [];
  private bufferedTokens = 0;
  private schema: SchemaElement[] | undefined;
  private jsonColumns = new Set<string>();

  private constructor(
    readonly target: ParquetTarget,
    private readonly options: ParquetShardOptions,
  ) {}

  static async open(target: ParquetTarget, options: ParquetShardOptions): Promise<ParquetShardWriter> {
    // What a crashed earlier run left: its partial shards would be mistaken for this run's.
    for (const name of await listShards(target)) if (partialPattern(target.stem).test(name)) await rm(join(target.dir, name), { force: true });
    return new ParquetShardWriter(target, options);
  }

  async writeRow(encoded: Encoded): Promise<void> {
    // Opened with its first row: a full shard is finished at once, and no empty one follows it.
    if (!this.file) await this.startFile();
    const row = encodedRow(encoded);
    this.buffer.push(row);
    this.bufferedTokens += encoded.tokens;
    if (this.buffer.length >= ROW_GROUP_ROWS || this.bufferedTokens >= ROW_GROUP_TOKENS || this.file!.rows + this.buffer.length >= this.options.rowsPerShard) {
      await this.flushRowGroup();
    }
    if (this.file!.rows >= this.options.rowsPerShard) await this.finishFile();
  }

  /**
   * Finishes the last shard and gives every shard its final name, removing shards of this stem that an earlier run
   * left (a run that wrote 5 shards, then one that wrote 4, must not leave `-00004-of-00005` behind).
   */
  async close(): Promise<ShardFile[]> {
    await this.closeIncomplete();
    const count = this.partials.length;
    const finals = this.partials.map((shard, index) => ({ from: shard.path, path: join(this.target.dir, shardName(this.target.stem, index, count)), rows: shard.rows }));
    const keep = new Set(finals.map((shard) => shard.path));
    for (const name of await listShards(this.target)) {
      const path = join(this.target.dir, name);
      if (finalPattern(this.target.stem).test(name) && !keep.has(path)) await rm(path, { force: true });
    }
    for (const shard of finals) await rename(shard.from, shard.path);
    return finals.map(({ path, rows }) => ({ path, rows }));
  }

  /** For a stopped run: the shards are finished (readable) but keep their `.partial` names. */
  async closeIncomplete(): Promise<ShardFile[]> {
    // A run without rows still gets one shard: a file with the schema, which readers accept as an empty dataset.
    if (!this.file && this.partials.length === 0) await this.startFile();
    await this.flushRowGroup();
    await this.finishFile();
    return [...this.partials];
  }

  /** After a failure: closes the file being written, as it is. */
  async abandon(): Promise<void> {
    await this.file?.handle.close().catch(() => undefined);
    this.file = undefined;
  }

  private async startFile(): Promise<void> {
    const path = join(this.target.dir, `${this.target.stem}-${fiveDigits(this.partials.length)}.parquet.partial`);
    let handle: FileHandle;
    try {
      handle = await open(path, "w");
    } catch (error) {
      throw new CliError("OUTPUT", `cannot write ${path}: ${messageOf(error)}`, { cause: error });
    }
    const byteWriter = new FileByteWriter(handle, path);
    this.file = { path, handle, byteWriter, writer: undefined, rows: 0 };
  }

  private async flushRowGroup(): Promise<void> {
    const file = this.file;
    if (!file || this.buffer.length === 0) return;
    const rows = this.buffer;
    this.buffer = [];
    this.bufferedTokens = 0;
    this.schema ??= this.schemaFor(rows);
    file.writer ??= this.parquetWriter(file.byteWriter);
    const columnData = this.columnNames().map((name) => ({ name, data: rows.map((row) => this.cell(name, row[name])) }));
    await file.writer.write({ columnData, rowGroupSize: rows.length });
    file.rows += rows.length;
  }

  private async finishFile(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.file = undefined;
    this.schema ??= this.schemaFor([]);
    file.writer ??= this.parquetWriter(file.byteWriter);
    await file.writer.finish();
    await file.handle.close();
    this.partials.push({ path: file.path, rows: file.rows });
  }

  private parquetWriter(byteWriter: FileByteWriter): ParquetWriter {
    const kvMetadata = Object.entries(this.options.metadata).map(([key, value]) => ({ key, value }));
    return new ParquetWriter({ writer: byteWriter, schema: this.schema!, kvMetadata, createdBy: "training-templates (hyparquet-writer)" });
  }

  private columnNames(): string[] {
    return [...this.options.idColumns, ...(this.options.text ? ["text"] : []), ...this.options.keptColumns];
  }

  private cell(name: string, value: unknown): unknown {
    if (!this.options.keptColumns.includes(name)) return value;
    if (value === undefined || value === null) return null;
    if (this.jsonColumns.has(name)) return value;
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  private schemaFor(rows: Array<Record<string, unknown>>): SchemaElement[] {
    const schema: SchemaElement[] = [{ name: "root", num_children: this.columnNames().length }];
    for (const name of this.options.idColumns) {
      schema.push(
        { name, repetition_type: "OPTIONAL", num_children: 1, converted_type: "LIST" },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
      );
    }
    if (this.options.text) schema.push({ name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
    for (const name of this.options.keptColumns) {
      const textual = rows.every((row) => row[name] === undefined || row[name] === null || typeof row[name] === "string");
      if (!textual) this.jsonColumns.add(name);
      schema.push({ name, type: "BYTE_ARRAY", converted_type: textual ? "UTF8" : "JSON", repetition_type: "OPTIONAL" });
    }
    return schema;
  }
}

interface OpenShard {
  path: string;
  handle: FileHandle;
  byteWriter: FileByteWriter;
  writer: ParquetWriter | undefined;
  rows: number;
}

/** hyparquet-writer's byte buffer, emptied into the file after each row group: memory holds one row group. */
class FileByteWriter extends ByteWriter {
  constructor(
    private readonly handle: FileHandle,
    private readonly path: string,
  ) {
    super(1 << 20);
  }

  async flush(): Promise<void> {
    if (this.index === 0) return;
    try {
      await this.handle.write(new Uint8Array(this.buffer, 0, this.index));
    } catch (error) {
      throw new CliError("OUTPUT", `cannot write ${this.path}: ${messageOf(error)}`, { cause: error });
    }
    this.index = 0;
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}

export function shardName(stem: string, index: number, count: number): string {
  return `${stem}-${fiveDigits(index)}-of-${fiveDigits(count)}.parquet`;
}

export function fiveDigits(n: number): string {
  return String(n).padStart(5, "0");
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function finalPattern(stem: string): RegExp {
  return new RegExp(`^${escaped(stem)}-\\d{5}-of-\\d{5}\\.parquet$`);
}

function partialPattern(stem: string): RegExp {
  return new RegExp(`^${escaped(stem)}-\\d{5}\\.parquet\\.partial$`);
}

async function listShards(target: ParquetTarget): Promise<string[]> {
  return readdir(target.dir).catch(() => []);
}

/** Whether `name` is a shard (finished or partial) of `stem`, i.e. a file a run with this stem replaces. */
export function isShardOf(stem: string, name: string): boolean {
  return finalPattern(stem).test(name) || partialPattern(stem).test(name);
}
