import { readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { encodedRow, type Encoded } from "../encoding/encode-record.ts";
import type { RowOutput } from "../pipeline/record-sink.ts";
import { IntListBuilder } from "./parquet-columns.ts";
import type { RowGroupColumn, SchemaElement } from "./parquet-protocol.ts";
import { BUILT_WORKER, EncoderThread } from "./parquet-thread.ts";

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
  /** The encoding thread's script: the built one beside this module unless given (tests of the source give dist's). */
  workerScript?: URL;
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

/** The file being written, as this thread counts it (the encoding thread holds the handle). */
interface OpenShard {
  path: string;
  rows: number;
}

/**
 * Writes rows into Parquet shards of at most `rowsPerShard` rows, a row group at a time. How many shards there will
 * be is known only at the end, so each is written as `stem-00000.parquet.partial` and renamed to the Hub's
 * `stem-00000-of-00004.parquet` by `close()`; a run that stops early leaves only `.partial` files, which no
 * `*.parquet` pattern picks up.
 *
 * The rows of a row group are collected here, their id lists flat; encoding the group (levels, dictionaries,
 * compression) and writing the files happen on a thread of their own (parquet-worker.ts), which takes the flat
 * buffers over. Memory holds the group being collected and at most `ROW_GROUPS_IN_FLIGHT` more: `writeRow` waits
 * while the thread is that far behind. A failure there (a full disk) is thrown by the next call.
 */
export class ParquetShardWriter implements RowOutput {
  private readonly partials: ShardFile[] = [];
  private file: OpenShard | undefined;
  private readonly idLists: IntListBuilder[];
  /** The columns of one value per row: the text, then the kept columns. */
  private readonly cellNames: string[];
  /** Their values in the group being collected, as the rows have them. */
  private cells: unknown[][];
  private bufferedRows = 0;
  private bufferedTokens = 0;
  private schema: SchemaElement[] | undefined;
  private jsonColumns = new Set<string>();

  private constructor(
    readonly target: ParquetTarget,
    private readonly options: ParquetShardOptions,
    private readonly thread: EncoderThread,
  ) {
    this.idLists = options.idColumns.map((name) => new IntListBuilder(name, ROW_GROUP_ROWS));
    this.cellNames = [...(options.text ? ["text"] : []), ...options.keptColumns];
    this.cells = this.cellNames.map(() => []);
  }

  static async open(target: ParquetTarget, options: ParquetShardOptions): Promise<ParquetShardWriter> {
    // What a crashed earlier run left: its partial shards would be mistaken for this run's.
    for (const name of await listShards(target)) if (partialPattern(target.stem).test(name)) await rm(join(target.dir, name), { force: true });
    const kvMetadata = Object.entries(options.metadata).map(([key, value]) => ({ key, value }));
    const thread = new EncoderThread(options.workerScript ?? BUILT_WORKER, { kvMetadata, createdBy: "training-templates (hyparquet-writer)" });
    return new ParquetShardWriter(target, options, thread);
  }

  async writeRow(encoded: Encoded): Promise<void> {
    this.thread.throwIfFailed();
    // Opened with its first row: a full shard is finished at once, and no empty one follows it.
    if (!this.file) this.startFile();
    const row = encodedRow(encoded);
    for (const list of this.idLists) list.add(row[list.name]);
    for (const [index, name] of this.cellNames.entries()) this.cells[index]!.push(row[name]);
    this.bufferedRows++;
    this.bufferedTokens += encoded.tokens;
    if (this.bufferedRows >= ROW_GROUP_ROWS || this.bufferedTokens >= ROW_GROUP_TOKENS || this.file!.rows + this.bufferedRows >= this.options.rowsPerShard) {
      await this.flushRowGroup();
    }
    if (this.file!.rows >= this.options.rowsPerShard) this.finishFile();
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
    try {
      // A run without rows still gets one shard: a file with the schema, which readers accept as an empty dataset.
      if (!this.file && this.partials.length === 0) this.startFile();
      await this.flushRowGroup();
      this.finishFile();
      await this.thread.idle();
    } finally {
      await this.thread.stop();
    }
    return [...this.partials];
  }

  /** After a failure: closes the file being written, as it is (the row groups already sent are written first). */
  async abandon(): Promise<void> {
    this.file = undefined;
    try {
      await this.thread.post({ type: "abandon" });
    } catch {
      // The thread failed or is gone: nothing of it to wait for.
    } finally {
      await this.thread.stop();
    }
  }

  private startFile(): void {
    const path = join(this.target.dir, `${this.target.stem}-${fiveDigits(this.partials.length)}.parquet.partial`);
    void this.thread.post({ type: "open", path });
    this.file = { path, rows: 0 };
  }

  private async flushRowGroup(): Promise<void> {
    const file = this.file;
    if (!file || this.bufferedRows === 0) return;
    const rows = this.bufferedRows;
    const cells = this.cells;
    this.cells = this.cellNames.map(() => []);
    this.bufferedRows = 0;
    this.bufferedTokens = 0;
    this.schema ??= this.schemaFor(cells);
    const columns: RowGroupColumn[] = [];
    const transfer: ArrayBuffer[] = [];
    for (const list of this.idLists) {
      const taken = list.take();
      columns.push(taken.column);
      transfer.push(...taken.transfer);
    }
    for (const [index, name] of this.cellNames.entries()) columns.push({ kind: "cells", name, cells: cells[index]!.map((value) => this.cell(name, value)) });
    file.rows += rows;
    await this.thread.postRowGroup({ type: "row-group", schema: this.schema, columns, rows }, transfer);
  }

  private finishFile(): void {
    const file = this.file;
    if (!file) return;
    this.file = undefined;
    this.schema ??= this.schemaFor([]);
    void this.thread.post({ type: "finish", schema: this.schema });
    this.partials.push({ path: file.path, rows: file.rows });
  }

  private cell(name: string, value: unknown): unknown {
    if (!this.options.keptColumns.includes(name)) return value;
    if (value === undefined || value === null) return null;
    if (this.jsonColumns.has(name)) return value;
    return typeof value === "string" ? value : JSON.stringify(value);
  }

  /** `cells`: the first row group's values of each cell column (none for a run without rows). */
  private schemaFor(cells: readonly unknown[][]): SchemaElement[] {
    const schema: SchemaElement[] = [{ name: "root", num_children: this.options.idColumns.length + this.cellNames.length }];
    for (const name of this.options.idColumns) {
      schema.push(
        { name, repetition_type: "OPTIONAL", num_children: 1, converted_type: "LIST" },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
      );
    }
    if (this.options.text) schema.push({ name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });
    for (const name of this.options.keptColumns) {
      const values = cells[this.cellNames.indexOf(name)] ?? [];
      const textual = values.every((value) => value === undefined || value === null || typeof value === "string");
      if (!textual) this.jsonColumns.add(name);
      schema.push({ name, type: "BYTE_ARRAY", converted_type: textual ? "UTF8" : "JSON", repetition_type: "OPTIONAL" });
    }
    return schema;
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
