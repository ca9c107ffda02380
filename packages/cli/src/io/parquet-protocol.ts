import type { ThreadFailure } from "../thread-failure.ts";
import type { ParquetWriter } from "hyparquet-writer";

/** What the Parquet encoding thread and the shard writer say to each other: plain data and transferred buffers. */

export type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

/**
 * A `list<int32>` column of one row group, flat: row `i` holds `values[offsets[i]]` up to `values[offsets[i + 1]]`,
 * or null if `i` is in `nullRows`. Its buffers are transferred to the thread, never copied.
 */
export interface IntListColumn {
  kind: "int-lists";
  name: string;
  values: Int32Array;
  offsets: Int32Array;
  nullRows: number[];
}

/** A column of one value per row (strings, or values written as JSON), as hyparquet-writer takes them. */
export interface CellColumn {
  kind: "cells";
  name: string;
  cells: unknown[];
}

export type RowGroupColumn = IntListColumn | CellColumn;

/** The same for every file: given to the thread when it starts. */
export interface EncoderSetup {
  kvMetadata: Array<{ key: string; value: string }>;
  createdBy: string;
}

/**
 * The thread's work, done in the order sent: a file is opened, gets its row groups, then its footer. The schema
 * comes with the first thing written to a file (it is decided from the first row group of the run).
 */
export type EncoderJob =
  | { type: "open"; path: string }
  | { type: "row-group"; schema: SchemaElement[]; columns: RowGroupColumn[]; rows: number }
  | { type: "finish"; schema: SchemaElement[] }
  /** After a failure: the open file is closed as it is. */
  | { type: "abandon" };

export type EncoderRequest = EncoderJob & { id: number };

/** A failure carried across the thread boundary (errors lose their class there). */
export type EncoderReply = { type: "done"; id: number } | { type: "failed"; id: number; failure: ThreadFailure };
