import { parquetMetadataAsync, parquetReadObjects, parquetSchema, type AsyncBuffer, type FileMetaData } from "hyparquet";
import { CliError, messageOf } from "../cli-error.ts";
import { countedParquetFile, type ByteCounter } from "./byte-counter.ts";
import type { RawRecord } from "./record-source.ts";

/** Footer reads start with the last 8 bytes (the metadata's length and `PAR1`), then read exactly the metadata. */
const FOOTER_FETCH_BYTES = 8;

/** A Parquet file opened for reading: its metadata read, its row groups not yet. */
export interface ParquetInput {
  path: string;
  file: AsyncBuffer;
  metadata: FileMetaData;
}

export async function openParquet(path: string, counter: ByteCounter): Promise<ParquetInput> {
  const file = await countedParquetFile(path, counter).catch(failure(path));
  const metadata = await parquetMetadataAsync(file, { initialFetchSize: FOOTER_FETCH_BYTES }).catch(failure(path));
  return { path, file, metadata };
}

/** What a row group weighs when shards divide a file: its column chunks as stored. */
export function rowGroupBytes(metadata: FileMetaData, index: number): number {
  const group = metadata.row_groups[index]!;
  return Number(group.total_compressed_size ?? group.total_byte_size);
}

/**
 * The rows of a Parquet file as records, one row group at a time: memory holds one row group of the columns read,
 * whatever the file's size. Nested list and struct columns come back as plain arrays and objects; each row becomes
 * the JSON text the rest of the pipeline reads, so a row is handled exactly as the same record in JSON Lines.
 * `columns` limits what is read (a dataset may carry images beside its conversations); undefined reads all.
 * `groups` ([from, to)) reads only those row groups (a shard's part); rows keep their number in the whole file.
 */
export async function* parquetRecords(
  input: ParquetInput,
  columns: ReadonlySet<string> | undefined,
  onRowGroupRead: (bytes: number) => void,
  stopped: () => boolean,
  groups: readonly [number, number] = [0, input.metadata.row_groups.length],
): AsyncGenerator<RawRecord> {
  const { path, file, metadata } = input;
  const fail = failure(path);
  const present = parquetSchema(metadata).children.map((child) => child.element.name);
  const read = columns ? present.filter((name) => columns.has(name)) : undefined;
  const location = { file: path, unit: "row" as const };
  let rowStart = metadata.row_groups.slice(0, groups[0]).reduce((rows, group) => rows + Number(group.num_rows), 0);
  for (let index = groups[0]; index < groups[1]; index++) {
    if (stopped()) return;
    const rowEnd = rowStart + Number(metadata.row_groups[index]!.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, ...(read ? { columns: read } : {}) }).catch(fail);
    for (const [offset, row] of rows.entries()) {
      yield { number: rowStart + offset, text: JSON.stringify(row, plainJson), location };
    }
    onRowGroupRead(rowGroupBytes(metadata, index));
    rowStart = rowEnd;
  }
}

function failure(path: string): (error: unknown) => never {
  return (error) => {
    throw new CliError("INPUT", `cannot read ${path} as Parquet: ${messageOf(error)}`, { cause: error });
  };
}

/** Parquet's int64 comes back as bigint and timestamps as dates: written as JSON would have them. */
function plainJson(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  return value;
}
