import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import { CliError, messageOf } from "../cli-error.ts";
import type { RawRecord } from "./record-source.ts";

/**
 * The rows of a Parquet file as records, one row group at a time: memory holds one row group of the columns read,
 * whatever the file's size. Nested list and struct columns come back as plain arrays and objects; each row becomes
 * the JSON text the rest of the pipeline reads, so a row is handled exactly as the same record in JSON Lines.
 * `columns` limits what is read (a dataset may carry images beside its conversations); undefined reads all.
 */
export async function* parquetRecords(path: string, columns: ReadonlySet<string> | undefined, onRowGroupRead: (bytes: number) => void, stopped: () => boolean): AsyncGenerator<RawRecord> {
  const fail = (error: unknown): never => {
    throw new CliError("INPUT", `cannot read ${path} as Parquet: ${messageOf(error)}`, { cause: error });
  };
  const file = await asyncBufferFromFile(path).catch(fail);
  const metadata = await parquetMetadataAsync(file).catch(fail);
  const present = parquetSchema(metadata).children.map((child) => child.element.name);
  const read = columns ? present.filter((name) => columns.has(name)) : undefined;
  const location = { file: path, unit: "row" as const };
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    if (stopped()) return;
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, ...(read ? { columns: read } : {}) }).catch(fail);
    for (const [offset, row] of rows.entries()) {
      yield { number: rowStart + offset, text: JSON.stringify(row, plainJson), location };
    }
    onRowGroupRead(Number(group.total_compressed_size ?? group.total_byte_size));
    rowStart = rowEnd;
  }
}

/** Parquet's int64 comes back as bigint and timestamps as dates: written as JSON would have them. */
function plainJson(_key: string, value: unknown): unknown {
  if (typeof value === "bigint") return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (value instanceof Uint8Array) return Array.from(value);
  return value;
}
