import { readdir, writeFile } from "node:fs/promises";
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from "hyparquet";
import { parquetWriteBuffer } from "hyparquet-writer";

type SchemaElement = NonNullable<Parameters<typeof parquetWriteBuffer>[0]["schema"]>[number];

/** A column of a Parquet fixture: its schema subtree (first element named as the column) and one value per row. */
export interface FixtureColumn {
  schema: SchemaElement[];
  data: unknown[];
}

const text = (name: string): SchemaElement => ({ name, type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" });

/** list<struct<keys…: string>>, as `datasets` stores `messages` and ShareGPT `conversations`. */
export function conversationColumn(name: string, keys: readonly string[], data: unknown[]): FixtureColumn {
  return {
    schema: [
      { name, repetition_type: "OPTIONAL", num_children: 1, converted_type: "LIST" },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", repetition_type: "OPTIONAL", num_children: keys.length },
      ...keys.map(text),
    ],
    data,
  };
}

export function stringColumn(name: string, data: Array<string | null>): FixtureColumn {
  return { schema: [text(name)], data };
}

export function int64Column(name: string, data: Array<bigint | null>): FixtureColumn {
  return { schema: [{ name, type: "INT64", repetition_type: "OPTIONAL" }], data };
}

/** Writes a Parquet file of `columns` with row groups of `rowGroupSize` rows. */
export async function writeParquet(path: string, columns: Record<string, FixtureColumn>, rowGroupSize = 1000): Promise<string> {
  const entries = Object.entries(columns);
  const schema: SchemaElement[] = [{ name: "root", num_children: entries.length }, ...entries.flatMap(([, column]) => column.schema)];
  const buffer = parquetWriteBuffer({ schema, columnData: entries.map(([name, column]) => ({ name, data: column.data as never[] })), rowGroupSize });
  await writeFile(path, new Uint8Array(buffer));
  return path;
}

/** Every row of a Parquet file as an object. */
export async function readParquetRows(path: string): Promise<Array<Record<string, unknown>>> {
  return parquetReadObjects({ file: await asyncBufferFromFile(path) });
}

/** The file's top-level columns with the physical type of each one's leaf, and its row groups' sizes. */
export async function describeParquet(path: string): Promise<{ columns: Record<string, string>; rowGroups: number[]; metadata: Record<string, string> }> {
  const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
  const columns: Record<string, string> = {};
  for (const child of parquetSchema(metadata).children) {
    let node = child;
    const shape: string[] = [];
    while (node.children.length > 0) {
      if (node.element.converted_type === "LIST") shape.push("list");
      node = node.children[0]!;
    }
    columns[child.element.name] = [...shape, node.element.type ?? "?"].join("<") + ">".repeat(shape.length);
  }
  return {
    columns,
    rowGroups: metadata.row_groups.map((group) => Number(group.num_rows)),
    metadata: Object.fromEntries((metadata.key_value_metadata ?? []).map(({ key, value }) => [key, value ?? ""])),
  };
}

/** The names in a folder, sorted. */
export async function filesIn(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}
