import type { ParquetWriter } from "hyparquet-writer";
import { writeColumn } from "hyparquet-writer/src/column.js";
import { encodeNestedValues } from "hyparquet-writer/src/dremel.js";
import { schemaPathResolver } from "hyparquet-writer/src/schema.js";
import { writeDenseIntColumn, type DenseIntLists } from "./parquet-int-column.ts";
import type { IntListColumn, RowGroupColumn, SchemaElement } from "./parquet-protocol.ts";

type ColumnEncoder = Parameters<typeof writeColumn>[0]["column"];
type PageData = Parameters<typeof writeColumn>[0]["pageData"];
type SchemaTree = ReturnType<ReturnType<typeof schemaPathResolver>>[number];

/** hyparquet-writer's default page size (`ParquetWriter.write`'s `pageSize`). */
const PAGE_SIZE = 1_048_576;

/**
 * Writes one row group of `rows` rows with `writer`: the bytes `writer.write({ columnData, rowGroupSize: rows })`
 * writes (the same column chunks, pages and footer entries), but `list<int32>` columns come flat (values and
 * offsets): their levels are counted in one pass over typed arrays, where hyparquet-writer walks every value of
 * every row through its general nested encoder, and a column with no null or empty list is written by
 * `writeDenseIntColumn` (hyparquet-writer's `writeColumn` over typed arrays).
 */
export function writeRowGroup(writer: ParquetWriter, columns: readonly RowGroupColumn[], rows: number): void | Promise<void> {
  const resolvePath = schemaPathResolver(writer.schema);
  const groupStart = writer.writer.offset;
  const chunks = [];
  for (const column of columns) {
    const leaf = leafPath(resolvePath([column.name]));
    const schemaPath = leaf.map((node) => node.element);
    const encoder: ColumnEncoder = {
      columnName: schemaPath
        .slice(1)
        .map((element) => element.name)
        .join("."),
      element: schemaPath.at(-1)!,
      schemaPath,
      codec: writer.codec,
      compressors: writer.compressors,
      stats: writer.statistics,
      ...(writer.statisticsTruncateLength !== undefined ? { statisticsTruncateLength: writer.statisticsTruncateLength } : {}),
      pageSize: PAGE_SIZE,
      columnIndex: false,
      offsetIndex: true,
    };
    const pages = column.kind === "int-lists" ? intListPages(column, schemaPath, rows) : cellPages(column.cells, leaf, rows, column.name);
    const result = "dense" in pages ? writeDenseIntColumn(writer.writer, encoder, pages.dense) : writeColumn({ writer: writer.writer, column: encoder, pageData: pages });
    chunks.push(result.chunk);
    writer.pendingIndexes.push(result);
  }
  let totalByteSize = 0n;
  for (const { meta_data } of chunks) totalByteSize += meta_data?.total_uncompressed_size ?? 0n;
  writer.num_rows += BigInt(rows);
  writer.row_groups.push({ columns: chunks, total_byte_size: totalByteSize, num_rows: BigInt(rows), total_compressed_size: BigInt(writer.writer.offset - groupStart) });
  return writer.writer.flush?.();
}

/** The path from the root to the column's one leaf (the columns written here have no structs). */
function leafPath(path: SchemaTree[]): SchemaTree[] {
  const leaf = [...path];
  for (let node = leaf.at(-1)!; node.children.length > 0; node = leaf.at(-1)!) {
    if (node.children.length > 1) throw new Error(`parquet column ${path.at(-1)!.element.name} has more than one leaf`);
    leaf.push(node.children[0]!);
  }
  return leaf;
}

function cellPages(cells: unknown[], leaf: SchemaTree[], rows: number, name: string): PageData {
  if (cells.length !== rows) throw new Error(`parquet column ${name} has ${cells.length} values for ${rows} rows`);
  return encodeNestedValues(leaf, cells as never);
}

/**
 * The levels hyparquet-writer's nested encoder gives a column `OPTIONAL LIST` > `REPEATED list` >
 * `OPTIONAL INT32 element`: each id is a slot at definition level 3, at repetition level 0 if it starts its row and 1
 * after; a null row is one slot at definition level 0, an empty list one at level 1 (both with an undefined value).
 * Levels as typed arrays where hyparquet-writer has plain ones (it only reads them by index); the ids stay the buffer
 * they came in, unless a row is null or empty: then they are copied into the plain array `writeColumn` takes, with
 * an undefined value in those rows' slots.
 */
function intListPages(column: IntListColumn, schemaPath: SchemaElement[], rows: number): PageData | { dense: DenseIntLists } {
  const [, list, repeated, element] = schemaPath;
  const shaped =
    schemaPath.length === 4 &&
    list?.repetition_type === "OPTIONAL" &&
    list.converted_type === "LIST" &&
    repeated?.repetition_type === "REPEATED" &&
    element?.repetition_type === "OPTIONAL" &&
    element.type === "INT32";
  if (!shaped) throw new Error(`parquet column ${column.name} is not an optional list of optional int32`);
  const { values, offsets } = column;
  if (offsets.length !== rows + 1) throw new Error(`parquet column ${column.name} has ${offsets.length - 1} rows, not ${rows}`);
  let emptyRows = 0;
  for (let row = 0; row < rows; row++) if (offsets[row] === offsets[row + 1]) emptyRows++;
  const slotCount = values.length + emptyRows;
  const definitionLevels = new Uint8Array(slotCount);
  const repetitionLevels = new Uint8Array(slotCount);
  if (emptyRows === 0) {
    definitionLevels.fill(3);
    repetitionLevels.fill(1);
    for (let row = 0; row < rows; row++) repetitionLevels[offsets[row]!] = 0;
    return { dense: { values, definitionLevels, repetitionLevels, maxDefinitionLevel: 3 } };
  }
  const nullRows = new Set(column.nullRows);
  const slots: Array<number | undefined> = [];
  for (let row = 0; row < rows; row++) {
    const start = offsets[row]!;
    const end = offsets[row + 1]!;
    if (start === end) {
      definitionLevels[slots.length] = nullRows.has(row) ? 0 : 1;
      slots.push(undefined);
      continue;
    }
    for (let index = start; index < end; index++) {
      definitionLevels[slots.length] = 3;
      repetitionLevels[slots.length] = index === start ? 0 : 1;
      slots.push(values[index]!);
    }
  }
  // hyparquet-writer types the levels as plain arrays.
  return { values: slots as number[], definitionLevels: definitionLevels as unknown as number[], repetitionLevels: repetitionLevels as unknown as number[], maxDefinitionLevel: 3 };
}
