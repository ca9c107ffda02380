import { readFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, runCli } from "./helpers.ts";
import { line, readRows, writeLines, type InputRecord } from "./prepare-helpers.ts";
import { conversationColumn, filesIn, readParquetRows, writeParquet } from "./parquet-helpers.ts";

/**
 * `--shard auto/3` on three local processes, as on the pods of a Kubernetes Indexed Job: together they write exactly
 * the rows of one process, in its order (shard 0's, then 1's, then 2's), and each reads about a third of the input,
 * as each run's summary counts it (`input.bytesRead`).
 */

let cwd: string;
let qwen3Dir: string;

const N = 3;
const COUNT = 120;
const WORDS = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma omega river stone cloud maple cedar lantern harbor quartz violet".split(" ");

/** Deterministic varied words, so Parquet does not squeeze the columns to nothing. */
function words(seed: number, count: number): string {
  let x = seed + 1;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return WORDS[x % WORDS.length];
  }).join(" ");
}

/** Record 50 has an unknown role (rejected), everywhere. */
function record(index: number): InputRecord {
  return {
    messages: [
      { role: index === 50 ? "narrator" : "user", content: `Q${index}: ${words(index, 20 + (index % 30))}` },
      { role: "assistant", content: words(index + 1000, 10 + (index % 20)) },
    ],
  };
}

const RECORDS = Array.from({ length: COUNT }, (_, index) => record(index));
/** As JSON Lines, line 81 (record 80) is cut off: invalid JSON. */
const LINES = RECORDS.map((value, index) => (index === 80 ? '{"messages": [' : line(value)));

beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
});

/** A `--rejects` entry: where the record was (a line or, past a shard's first part, a byte offset; a Parquet row) and why. */
interface RejectRow {
  kind: string;
  reason?: string;
  file?: string;
  line?: number;
  byte?: number;
  row?: number;
}

interface Summary {
  input: { bytesRead: number; parts?: unknown[] };
  records: { in: number; out: number; rejected: number };
}

const prepare = (args: string[], env?: Record<string, string>) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd, ...(env ? { env } : {}) });

/** One process on the whole input, then N with JOB_COMPLETION_INDEX 0 … N-1 (in parallel, as pods run). */
async function singleAndShards(input: string, name: string) {
  const single = await prepare(["--input", input, "--output", `${name}.all.jsonl`, "--rejects", `${name}.all.rejects.jsonl`]);
  expect(single.code).toBe(1);
  const shards = await Promise.all(
    Array.from({ length: N }, (_, index) =>
      prepare(["--input", input, "--output", `${name}.${index}.jsonl`, "--rejects", `${name}.${index}.rejects.jsonl`, "--shard", `auto/${N}`], { JOB_COMPLETION_INDEX: String(index) }),
    ),
  );
  const summary = async (file: string) => JSON.parse(await readFile(join(cwd, file), "utf8")) as Summary;
  return {
    single,
    shards,
    rows: await readRows(join(cwd, `${name}.all.jsonl`)),
    rejects: await readRows<RejectRow>(join(cwd, `${name}.all.rejects.jsonl`)),
    whole: await summary(`${name}.all.summary.json`),
    shardRows: await Promise.all(shards.map((_, index) => readRows(join(cwd, `${name}.${index}.jsonl`)))),
    shardRejects: await Promise.all(shards.map((_, index) => readRows<RejectRow>(join(cwd, `${name}.${index}.rejects.jsonl`)))),
    shardSummaries: await Promise.all(shards.map((_, index) => summary(`${name}.${index}.summary.json`))),
  };
}

/**
 * Each shard read about 1/N of what one process read, and the shards together about as much as it. `shared` bytes
 * are read by every shard: the footer of a Parquet file whose row groups they divide (a tenth of these small files).
 */
function expectAboutAThirdEach(whole: Summary, shards: Summary[], shared = 0): void {
  const share = (whole.input.bytesRead - shared) / N;
  for (const shard of shards) {
    expect(shard.input.bytesRead - shared).toBeGreaterThan(share * 0.8);
    expect(shard.input.bytesRead - shared).toBeLessThan(share * 1.2);
  }
  const together = shards.reduce((sum, shard) => sum + shard.input.bytesRead, 0);
  expect(together).toBeLessThan(whole.input.bytesRead * 1.12 + (N - 1) * shared);
}

/** A Parquet file's footer: its metadata, the metadata's length and `PAR1`. */
async function footerBytes(path: string): Promise<number> {
  const file = await readFile(path);
  return file.readUInt32LE(file.length - 8) + 8;
}

describe("--shard auto/N reads only its part of the input", () => {
  test("JSON Lines: byte ranges cut at line starts; every row once, in order; rejects named by line, or by byte offset past the first part", async () => {
    const input = await writeLines(cwd, "chats.jsonl", LINES);
    const size = (await readFile(input)).length;
    const run = await singleAndShards(input, "jsonl");
    expect(run.rows).toHaveLength(COUNT - 2);
    expect(run.whole.input.bytesRead).toBe(size);
    expect(run.shardRows.flat()).toEqual(run.rows);
    for (const rows of run.shardRows) expect(rows.length).toBeGreaterThan(COUNT / N / 2);
    expectAboutAThirdEach(run.whole, run.shardSummaries);
    expect(run.shardSummaries.map((summary) => summary.records.in)).toEqual(run.shardRows.map((rows, index) => rows.length + run.shardRejects[index]!.length));

    // The single run names lines 51 and 81; a shard that starts mid-file names the same records by byte offset.
    expect(run.rejects.map((entry) => entry.line)).toEqual([51, 81]);
    const offsetOf = (lineIndex: number) => LINES.slice(0, lineIndex).reduce((sum, text) => sum + Buffer.byteLength(text) + 1, 0);
    const named = run.shardRejects.flatMap((entries, index) => entries.map((entry) => ({ index, ...entry })));
    expect(named.map(({ index, kind, ...where }) => ({ kind, where: index === 0 ? where.line : where.byte, file: where.file }))).toEqual([
      { kind: "unknown-role", where: offsetOf(50), file: input },
      { kind: "invalid-json", where: offsetOf(81 - 1), file: input },
    ]);
    expect(named.every((entry) => entry.index > 0)).toBe(true);
    const withByte = run.shards.find((shard) => shard.stderr.includes(" byte "))!;
    expect(withByte.stderr).toContain(`${input} byte ${offsetOf(50)}: `);
  });

  test("Parquet, several files: whole files to each shard; every row once, in order", async () => {
    const dir = join(cwd, "files");
    await mkdir(dir);
    for (let file = 0; file < 6; file++) {
      const part = RECORDS.slice(file * 20, file * 20 + 20);
      await writeParquet(join(dir, `train-${file}.parquet`), { messages: conversationColumn("messages", ["role", "content"], part.map((value) => value.messages)) });
    }
    const run = await singleAndShards(dir, "files");
    expect(run.rows).toHaveLength(COUNT - 1);
    expect(run.shardRows.flat()).toEqual(run.rows);
    expectAboutAThirdEach(run.whole, run.shardSummaries);
    expect(run.shardSummaries.map((summary) => summary.input.parts)).toEqual([0, 2, 4].map((first) => [first, first + 1].map((file) => ({ path: join(dir, `train-${file}.parquet`) }))));
    expect(run.shardRejects.flat()).toEqual(run.rejects);
    expect(run.rejects).toMatchObject([{ file: join(dir, "train-2.parquet"), row: 10 }]);
  });

  test("Parquet, one file of six row groups: two row groups to each shard; rows keep their number in the file", async () => {
    const input = await writeParquet(join(cwd, "groups.parquet"), { messages: conversationColumn("messages", ["role", "content"], RECORDS.map((value) => value.messages)) }, 20);
    const run = await singleAndShards(input, "groups");
    expect(run.shardRows.flat()).toEqual(run.rows);
    const footer = await footerBytes(input);
    expect(footer).toBeLessThan(run.whole.input.bytesRead / 5);
    expectAboutAThirdEach(run.whole, run.shardSummaries, footer);
    expect(run.shardSummaries.map((summary) => summary.input.parts)).toEqual([[0, 2], [2, 4], [4, 6]].map((rowGroups) => [{ path: input, rowGroups }]));
    // Row 50 is in row group 2, the second shard's.
    expect(run.shardRejects.map((entries) => entries.length)).toEqual([0, 1, 0]);
    expect(run.shardRejects[1]).toEqual(run.rejects);
    expect(run.rejects).toMatchObject([{ file: input, row: 50 }]);
  });

  test("Parquet output into one folder, as the Job manifest writes: read in name order, the folder is the single run's rows", async () => {
    const input = await writeLines(cwd, "job.jsonl", LINES);
    const dir = join(cwd, "job-out");
    const runs = await Promise.all(Array.from({ length: N }, (_, index) => prepare(["--input", input, "--output", `${dir}/`, "--shard", `auto/${N}`], { JOB_COMPLETION_INDEX: String(index) })));
    // Records 50 and 80, both rejected, are in the middle third.
    expect(runs.map((run) => run.code)).toEqual([0, 1, 0]);
    const single = await prepare(["--input", input, "--output", "job.all.jsonl"]);
    expect(single.code).toBe(1);
    const names = (await filesIn(dir)).filter((name) => name.endsWith(".parquet"));
    expect(names).toEqual([0, 1, 2].map((index) => `out-shard-0000${index}-of-00003-00000-of-00001.parquet`));
    const rows = (await Promise.all(names.map((name) => readParquetRows(join(dir, name))))).flat();
    const expected = await readRows(join(cwd, "job.all.jsonl"));
    expect(rows.map((row) => row.input_ids)).toEqual(expected.map((row) => row.input_ids));
    expect(rows.map((row) => row.assistant_masks)).toEqual(expected.map((row) => row.assistant_masks));
  });
});
