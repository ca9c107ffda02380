import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, existsSync } from "node:fs";
import { readFile, symlink } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import { parquetReadObjects } from "hyparquet";
import { describe, expect, test } from "vitest";
import { CliError } from "../src/cli-error.ts";
import type { Encoded } from "../src/encoding/encode-record.ts";
import { ParquetShardWriter, ROW_GROUP_ROWS, type ParquetShardOptions } from "../src/io/parquet-shards.ts";
import { ROW_GROUPS_IN_FLIGHT } from "../src/io/parquet-thread.ts";
import { describeParquet, filesIn, readParquetRows } from "./parquet-helpers.ts";
import { makeTempDir, QWEN3_TOKENIZER_DIR, startCli } from "./helpers.ts";
import { line, writeLines } from "./prepare-helpers.ts";

// The writer runs here from source; its encoding thread is the built one (build first, as for the CLI's tests).
const BUILT_WORKER = new URL("../dist/parquet-worker.js", import.meta.url);
if (!existsSync(BUILT_WORKER)) throw new Error(`${fileURLToPath(BUILT_WORKER)} is missing: build first with \`pnpm turbo run build --filter=@training-templates/cli...\``);

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

const ID_COLUMNS = ["input_ids", "attention_mask", "assistant_masks", "labels"];
const METADATA = { "training_templates.command": '["training-templates","prepare"]' };

const options = (extra: Partial<ParquetShardOptions> = {}): ParquetShardOptions => ({
  rowsPerShard: 1_000_000,
  idColumns: ID_COLUMNS,
  text: false,
  keptColumns: [],
  metadata: METADATA,
  workerScript: BUILT_WORKER,
  ...extra,
});

/** Row `index`: ids of varied length (row 5 has none, row 7 has null labels), a text, an id and a JSON-ish meta. */
function row(index: number): Record<string, unknown> {
  const length = index === 5 ? 0 : 1 + ((index * 7919) % 61);
  const ids = Array.from({ length }, (_, position) => (index * 104_729 + position * 7_919) % 151_643);
  const masks = ids.map((_, position) => ((position + index) % 3 === 0 ? 1 : 0));
  return {
    input_ids: ids,
    attention_mask: ids.map(() => 1),
    assistant_masks: masks,
    labels: index === 7 ? null : ids.map((id, position) => (masks[position] ? id : -100)),
    text: `row ${index} ${"·".repeat(index % 5)}`,
    // A string column, until a later row group brings a number (written as its JSON text).
    id: index === 4_321 ? 4_321 : `row-${index}`,
    // Not all strings in the first row group: a JSON column.
    meta: index % 4 === 0 ? { index, even: true } : index % 4 === 1 ? null : `m${index}`,
  };
}

const encoded = (values: Record<string, unknown>): Encoded => ({ ok: true, row: values, tokens: (values.input_ids as number[]).length, trainedTokens: 0 });

/**
 * The bytes of one shard as the writer wrote them before the encoding thread, on the main thread: hyparquet-writer's
 * own `ParquetWriter.write`, rows as arrays, one call per row group.
 */
function mainThreadShard(schema: SchemaElement[], groups: Array<Array<Record<string, unknown>>>, columns: string[], asText: (name: string, value: unknown) => unknown): Uint8Array {
  const byteWriter = new ByteWriter();
  const kvMetadata = Object.entries(METADATA).map(([key, value]) => ({ key, value }));
  const writer = new ParquetWriter({ writer: byteWriter, schema, kvMetadata, createdBy: "training-templates (hyparquet-writer)" });
  for (const rows of groups) {
    void writer.write({ columnData: columns.map((name) => ({ name, data: rows.map((values) => asText(name, values[name])) })), rowGroupSize: rows.length });
  }
  void writer.finish();
  return byteWriter.getBytes();
}

function idSchema(): SchemaElement[] {
  return ID_COLUMNS.flatMap((name): SchemaElement[] => [
    { name, repetition_type: "OPTIONAL", num_children: 1, converted_type: "LIST" },
    { name: "list", repetition_type: "REPEATED", num_children: 1 },
    { name: "element", type: "INT32", repetition_type: "OPTIONAL" },
  ]);
}

/** Resolves to "pending" if `promise` has not settled by the time a short wait is over. */
async function stateAfterAWhile(promise: Promise<unknown>): Promise<"settled" | "pending"> {
  const wait = new Promise<"pending">((resolve) => setTimeout(() => resolve("pending"), 200));
  return Promise.race([promise.then(() => "settled" as const, () => "settled" as const), wait]);
}

describe("ParquetShardWriter: row groups encoded on a thread of their own", () => {
  test("several shards and row groups: the same bytes as hyparquet-writer writes on the main thread, and the same rows", async () => {
    const dir = await makeTempDir();
    const count = 6_000;
    const writer = await ParquetShardWriter.open({ dir, stem: "out" }, options({ rowsPerShard: 2_500, text: true, keptColumns: ["id", "meta"] }));
    const rows = Array.from({ length: count }, (_, index) => row(index));
    for (const values of rows) await writer.writeRow(encoded(values));
    const files = await writer.close();
    expect(files.map((file) => [file.path, file.rows])).toEqual([
      [join(dir, "out-00000-of-00003.parquet"), 2_500],
      [join(dir, "out-00001-of-00003.parquet"), 2_500],
      [join(dir, "out-00002-of-00003.parquet"), 1_000],
    ]);
    expect(await filesIn(dir)).toEqual(["out-00000-of-00003.parquet", "out-00001-of-00003.parquet", "out-00002-of-00003.parquet"]);

    const schema: SchemaElement[] = [
      { name: "root", num_children: 7 },
      ...idSchema(),
      { name: "text", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "id", type: "BYTE_ARRAY", converted_type: "UTF8", repetition_type: "OPTIONAL" },
      { name: "meta", type: "BYTE_ARRAY", converted_type: "JSON", repetition_type: "OPTIONAL" },
    ];
    const columns = [...ID_COLUMNS, "text", "id", "meta"];
    // As the writer has always done: a kept string column's other values as JSON text, a JSON column's as they are.
    const asText = (name: string, value: unknown) => (name === "id" && typeof value !== "string" ? JSON.stringify(value) : value);
    const groupsOf = (from: number, sizes: number[]) => sizes.map((size, index) => rows.slice(from + index * ROW_GROUP_ROWS, from + index * ROW_GROUP_ROWS + size));
    const shardGroups = [groupsOf(0, [1_000, 1_000, 500]), groupsOf(2_500, [1_000, 1_000, 500]), groupsOf(5_000, [1_000])];
    for (const [index, file] of files.entries()) {
      expect((await describeParquet(file.path)).rowGroups).toEqual(shardGroups[index]!.map((group) => group.length));
      const written = new Uint8Array(await readFile(file.path));
      const expected = mainThreadShard(schema, shardGroups[index]!, columns, asText);
      expect(written.length).toBe(expected.length);
      expect(Buffer.compare(written, expected)).toBe(0);
    }

    const read = (await Promise.all(files.map((file) => readParquetRows(file.path)))).flat();
    expect(read).toHaveLength(count);
    for (const index of [0, 5, 7, 2_499, 2_500, 4_321, 5_999]) {
      const source = rows[index]!;
      expect(read[index]).toEqual({ ...source, id: asText("id", source.id), meta: source.meta === null ? null : source.meta });
    }
  });

  test("an empty run still writes one shard with the schema", async () => {
    const dir = await makeTempDir();
    const writer = await ParquetShardWriter.open({ dir, stem: "empty" }, options());
    expect(await writer.close()).toEqual([{ path: join(dir, "empty-00000-of-00001.parquet"), rows: 0 }]);
    const file = await describeParquet(join(dir, "empty-00000-of-00001.parquet"));
    expect(Object.keys(file.columns)).toEqual(ID_COLUMNS);
    expect(file.metadata).toEqual(METADATA);
  });

  test.skipIf(process.platform === "win32")(
    `backpressure: while the thread cannot write, ${ROW_GROUPS_IN_FLIGHT} row groups go to it and writeRow waits with the next`,
    async () => {
      const dir = await makeTempDir();
      const writer = await ParquetShardWriter.open({ dir, stem: "out" }, options());
      // A named pipe as the shard: the thread's open() waits until someone reads it, as on a stalled disk.
      const pipe = join(dir, "out-00000.parquet.partial");
      execFileSync("mkfifo", [pipe]);
      const total = (ROW_GROUPS_IN_FLIGHT + 1) * ROW_GROUP_ROWS;
      // Every row up to the one that fills the next row group: the row groups before it went to the thread.
      for (let index = 0; index < total - 1; index++) await writer.writeRow(encoded(row(index)));
      const last = writer.writeRow(encoded(row(total - 1)));
      expect(await stateAfterAWhile(last)).toBe("pending");

      const chunks: Buffer[] = [];
      const reader = createReadStream(pipe);
      reader.on("data", (chunk) => chunks.push(chunk as Buffer));
      const ended = new Promise<void>((resolve, reject) => reader.on("end", () => resolve()).on("error", reject));
      await last;
      const [file] = await writer.close();
      await ended;
      expect(file).toEqual({ path: join(dir, "out-00000-of-00001.parquet"), rows: total });
      const bytes = Buffer.concat(chunks);
      const rows = await parquetReadObjects({ file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer });
      expect(rows.map((values) => values.input_ids)).toEqual(Array.from({ length: total }, (_, index) => row(index).input_ids));
    },
  );

  test.skipIf(!existsSync("/dev/full"))("a write that fails on the thread (disk full) is thrown by writeRow as before, by close too, and abandon ends", async () => {
    const dir = await makeTempDir();
    const writer = await ParquetShardWriter.open({ dir, stem: "out" }, options());
    const shard = join(dir, "out-00000.parquet.partial");
    // Every write to /dev/full fails with ENOSPC.
    await symlink("/dev/full", shard);
    let failure: unknown;
    let written = 0;
    try {
      for (; written < 10 * ROW_GROUP_ROWS; written++) await writer.writeRow(encoded(row(written)));
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CliError);
    expect((failure as CliError).code).toBe("OUTPUT");
    expect((failure as CliError).message).toBe(`cannot write ${shard}: ENOSPC: no space left on device, write`);
    // Found out at the latest when the row group after those in flight waits for the first.
    expect(written).toBeLessThanOrEqual((ROW_GROUPS_IN_FLIGHT + 1) * ROW_GROUP_ROWS);
    await expect(writer.writeRow(encoded(row(0)))).rejects.toBe(failure);
    await expect(writer.close()).rejects.toBe(failure);
    await writer.abandon();
  });

  test("a thread that cannot start fails the writer instead of hanging it", async () => {
    const dir = await makeTempDir();
    const writer = await ParquetShardWriter.open({ dir, stem: "out" }, options({ workerScript: new URL("./no-such-worker.js", BUILT_WORKER) }));
    for (let index = 0; index < 3; index++) await writer.writeRow(encoded(row(index)));
    await expect(writer.close()).rejects.toThrow(/no-such-worker\.js/);
    await writer.abandon();
  });

  test("a writer never closed does not keep the process alive: prepare whose rejects file cannot be opened ends (exit 2)", async () => {
    const cwd = await makeTempDir();
    const input = await writeLines(cwd, "chats.jsonl", [line({ messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello." }] })]);
    // The Parquet writer (and its thread) is opened before the rejects file, which then fails.
    const child = startCli(["prepare", "--tokenizer", QWEN3_TOKENIZER_DIR, "--input", input, "--output", `${cwd}/out/`, "--rejects", join(cwd, "missing", "r.jsonl")], { cwd });
    child.stdin.end();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const stop = setTimeout(() => child.kill("SIGKILL"), 60_000);
    const [code, signal] = (await once(child, "close")) as [number | null, string | null];
    clearTimeout(stop);
    expect({ code, signal }).toEqual({ code: 2, signal: null });
    expect(stderr).toMatch(/cannot write .*missing\/r\.jsonl/);
  });
});
