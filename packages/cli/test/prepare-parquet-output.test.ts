import { createHash } from "node:crypto";
import { once } from "node:events";
import { mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { availableParallelism } from "node:os";
import { registry } from "@training-templates/all";
import { fingerprint } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, QWEN3_TOKENIZER_DIR, runCli, startCli } from "./helpers.ts";
import { line, readRows, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";
import { describeParquet, filesIn, readParquetRows } from "./parquet-helpers.ts";

let cwd: string;
let qwen3Dir: string;
let input: string;
/** The JSON Lines rows of the same input: what each Parquet row must hold. */
let expected: PreparedRow[];

const ID_COLUMNS = ["input_ids", "attention_mask", "assistant_masks", "labels"];

function record(index: number): InputRecord & { id: string; score: number } {
  return {
    id: `conv-${index}`,
    score: index / 2,
    messages: [
      { role: "user", content: `Question ${index}: what is ${index} squared?` },
      { role: "assistant", content: `${index * index}.${" Indeed.".repeat(index % 4)}` },
    ],
  };
}

const GOOD = Array.from({ length: 7 }, (_, index) => record(index));
const BAD = line({ messages: [{ role: "narrator", content: "Once" }, { role: "assistant", content: "…" }] });
/** Seven good records and one rejected (line 4). */
const LINES = [...GOOD.slice(0, 3).map(line), BAD, ...GOOD.slice(3).map(line)];

beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
  input = await writeLines(cwd, "chats.jsonl", LINES);
  const run = await prepare(["--input", input, "--output", join(cwd, "reference.jsonl")]);
  expect(run.code).toBe(1);
  expected = await readRows(join(cwd, "reference.jsonl"));
  expect(expected).toHaveLength(7);
});

const prepare = (args: string[], env?: Record<string, string>) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd, ...(env ? { env } : {}) });

/** The rows of every `.parquet` file of `dir` whose name starts with `prefix`, in name order. */
async function shardRows(dir: string, prefix = ""): Promise<Array<Record<string, unknown>>> {
  const names = (await filesIn(dir)).filter((name) => name.startsWith(prefix) && name.endsWith(".parquet"));
  return (await Promise.all(names.map((name) => readParquetRows(join(dir, name))))).flat();
}

const idColumnsOf = (row: Record<string, unknown>) => Object.fromEntries(ID_COLUMNS.map((name) => [name, row[name]]));

describe("prepare --output DIR/: Parquet shards", () => {
  test("rows as list<int32> columns, shards of --rows-per-shard named out-0000k-of-0000N, the same rows as JSON Lines, summary.json beside", async () => {
    const dir = join(cwd, "out-dir");
    const run = await prepare(["--input", input, "--output", `${dir}/`, "--rows-per-shard", "3"]);
    expect(run.code).toBe(1);
    expect(await filesIn(dir)).toEqual(["out-00000-of-00003.parquet", "out-00001-of-00003.parquet", "out-00002-of-00003.parquet", "summary.json"]);
    const first = await describeParquet(join(dir, "out-00000-of-00003.parquet"));
    expect(first.columns).toEqual(Object.fromEntries(ID_COLUMNS.map((name) => [name, "list<INT32>"])));
    expect(first.rowGroups).toEqual([3]);
    expect((await describeParquet(join(dir, "out-00002-of-00003.parquet"))).rowGroups).toEqual([1]);
    expect((await shardRows(dir)).map(idColumnsOf)).toEqual(expected);
    expect(run.stderr).toMatch(/^line 4: .*unknown role "narrator"/m);
    expect(run.stderr).toMatch(new RegExp(`^output: +3 Parquet files, ${dir}/out-00000-of-00003\\.parquet … ${dir}/out-00002-of-00003\\.parquet$`, "m"));
  });

  test("--output NAME.parquet: NAME-00000-of-00001.parquet and NAME.summary.json beside it; --no-labels and --keep-columns shape the columns", async () => {
    const dir = join(cwd, "named");
    await mkdir(dir);
    const run = await prepare(["--input", input, "--output", join(dir, "train.parquet"), "--no-labels", "--keep-columns", "id,score,missing"]);
    expect(run.code).toBe(1);
    expect(await filesIn(dir)).toEqual(["train-00000-of-00001.parquet", "train.summary.json"]);
    const file = join(dir, "train-00000-of-00001.parquet");
    expect((await describeParquet(file)).columns).toEqual({
      input_ids: "list<INT32>",
      attention_mask: "list<INT32>",
      assistant_masks: "list<INT32>",
      id: "BYTE_ARRAY",
      score: "BYTE_ARRAY",
      missing: "BYTE_ARRAY",
    });
    const rows = await readParquetRows(file);
    expect(rows.map((row) => [row.id, row.score, row.missing])).toEqual(GOOD.map((source) => [source.id, source.score, null]));
    expect(rows.map((row) => row.input_ids)).toEqual(expected.map((row) => row.input_ids));
  });

  test("--workers 2: the rows come back from the threads in input order", async () => {
    const dir = join(cwd, "workers");
    expect((await prepare(["--input", input, "--output", `${dir}/`, "--workers", "2", "--keep-columns", "id"])).code).toBe(1);
    const rows = await shardRows(dir);
    expect(rows.map(idColumnsOf)).toEqual(expected);
    expect(rows.map((row) => row.id)).toEqual(GOOD.map((source) => source.id));
  });

  test("--keep-columns with JSON Lines output copies the fields as they are", async () => {
    const output = join(cwd, "kept.jsonl");
    expect((await prepare(["--input", input, "--output", output, "--keep-columns", "id,score"])).code).toBe(1);
    const rows = await readRows<PreparedRow & { id: string; score: number }>(output);
    expect(rows.map((row) => [row.id, row.score])).toEqual(GOOD.map((source) => [source.id, source.score]));
  });

  test("a second run replaces the shards of the first (fewer shards leave none behind) and keeps other files", async () => {
    const dir = join(cwd, "rerun");
    expect((await prepare(["--input", input, "--output", `${dir}/`, "--rows-per-shard", "2"])).code).toBe(1);
    expect((await filesIn(dir)).filter((name) => name.endsWith(".parquet"))).toHaveLength(4);
    await writeFile(join(dir, "README.md"), "mine");
    expect((await prepare(["--input", input, "--output", `${dir}/`, "--rows-per-shard", "5"])).code).toBe(1);
    expect(await filesIn(dir)).toEqual(["README.md", "out-00000-of-00002.parquet", "out-00001-of-00002.parquet", "summary.json"]);
    expect((await shardRows(dir)).map(idColumnsOf)).toEqual(expected);
  });

  test("an empty input still gives one shard with the columns", async () => {
    const empty = await writeLines(cwd, "empty.jsonl", []);
    const dir = join(cwd, "empty-out");
    const run = await prepare(["--input", empty, "--output", `${dir}/`]);
    expect(run.code).toBe(0);
    const file = join(dir, "out-00000-of-00001.parquet");
    expect(await readParquetRows(file)).toEqual([]);
    expect(Object.keys((await describeParquet(file)).columns)).toEqual(ID_COLUMNS);
  });

  test("Parquet cannot go to stdout; --output-format parquet makes a folder of any name; a folder cannot take JSON Lines", async () => {
    const toStdout = await prepare(["--input", input, "--output", "-", "--output-format", "parquet"]);
    expect(toStdout.code).toBe(2);
    expect(toStdout.stderr).toMatch(/Parquet cannot go to stdout/);
    const dir = join(cwd, "plain-name");
    expect((await prepare(["--input", input, "--output", dir, "--output-format", "parquet"])).code).toBe(1);
    expect(await filesIn(dir)).toEqual(["out-00000-of-00001.parquet", "summary.json"]);
    const asJsonl = await prepare(["--input", input, "--output", dir, "--output-format", "jsonl"]);
    expect(asJsonl.code).toBe(2);
    expect(asJsonl.stderr).toMatch(/is a folder: JSON Lines go to a file/);
  });

  test("reading the shards a run would replace is refused", async () => {
    const dir = join(cwd, "same-place");
    expect((await prepare(["--input", input, "--output", `${dir}/`])).code).toBe(1);
    const run = await prepare(["--input", join(dir, "*.parquet"), "--output", `${dir}/`]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/out-00000-of-00001\.parquet is also where the output shards go/);
  });
});

describe("summary.json: enough to audit and repeat a run", () => {
  test("counts by reason, tokens, template id and fingerprint, tokenizer hashes, versions, the command line", async () => {
    const dir = join(cwd, "audited");
    const args = ["prepare", "--tokenizer", qwen3Dir, "--input", input, "--output", `${dir}/`];
    expect((await runCli(args, { cwd })).code).toBe(1);
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as Record<string, any>;
    expect(summary.complete).toBe(true);
    expect(summary.command).toEqual(["training-templates", ...args]);
    expect(summary.records).toEqual({ in: 8, out: 7, rejected: 1, rejectedByReason: { "unknown-role": 1 }, writtenWithNoTrainedToken: 0, truncated: 0, byStrategy: { fingerprint: 7 } });
    expect(summary.template.strategy).toBe("fingerprint");
    // What --workers auto came to on this machine.
    expect(summary.workers).toBe(availableParallelism() < 4 ? 1 : Math.min(8, Math.floor(availableParallelism() / 2)));
    const tokens = expected.reduce((sum, row) => sum + row.input_ids.length, 0);
    const trained = expected.reduce((sum, row) => sum + row.assistant_masks.filter((bit) => bit === 1).length, 0);
    expect(summary.tokens).toEqual({ total: tokens, trained });
    expect(summary.template.id).toBe("qwen-3");
    expect(summary.template.fingerprints).toEqual([fingerprint(registry.get("qwen-3")!.template)]);
    const tokenizerJson = await readFile(join(QWEN3_TOKENIZER_DIR, "tokenizer.json"));
    expect(summary.tokenizer.sha256["tokenizer.json"]).toBe(createHash("sha256").update(tokenizerJson).digest("hex"));
    expect(Object.keys(summary.tokenizer.sha256)).toEqual(["tokenizer.json", "tokenizer_config.json"]);
    const cliPackage = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(summary.versions["@training-templates/cli"]).toBe(cliPackage.version);
    for (const name of ["@training-templates/core", "@training-templates/all", "tokenizers", "hyparquet", "hyparquet-writer"]) expect(summary.versions[name]).toMatch(/^\d+\.\d+\.\d+/);
    expect(summary.output).toEqual({ format: "parquet", files: [{ path: join(dir, "out-00000-of-00001.parquet"), rows: 7 }] });
    expect(summary.input.files).toEqual([{ path: input, bytes: (await stat(input)).size }]);
  });

  test("JSON Lines output: NAME.summary.json beside the file", async () => {
    const output = join(cwd, "lines.jsonl");
    expect((await prepare(["--input", input, "--output", output])).code).toBe(1);
    const summary = JSON.parse(await readFile(join(cwd, "lines.summary.json"), "utf8")) as Record<string, any>;
    expect(summary.output).toEqual({ format: "jsonl", files: [{ path: output, rows: 7 }] });
  });
});

describe("--shard I/N and auto/N with Parquet: one folder, no collisions, every record once", () => {
  test("two machines into one folder: their own shard files and summaries; together every row once", async () => {
    const dir = join(cwd, "two-machines");
    for (const index of [0, 1]) expect((await prepare(["--input", input, "--output", `${dir}/`, "--shard", `${index}/2`, "--rows-per-shard", "2"])).code).toBeLessThan(2);
    expect(await filesIn(dir)).toEqual([
      "out-shard-00000-of-00002-00000-of-00002.parquet",
      "out-shard-00000-of-00002-00001-of-00002.parquet",
      "out-shard-00001-of-00002-00000-of-00002.parquet",
      "out-shard-00001-of-00002-00001-of-00002.parquet",
      "summary-shard-00000-of-00002.json",
      "summary-shard-00001-of-00002.json",
    ]);
    // Each machine reads the lines that start in its half of the bytes: machine 0's rows, then 1's, are the rows.
    const machine0 = (await shardRows(dir, "out-shard-00000")).map(idColumnsOf);
    const machine1 = (await shardRows(dir, "out-shard-00001")).map(idColumnsOf);
    expect(machine0.length * machine1.length).toBeGreaterThan(0);
    expect([...machine0, ...machine1]).toEqual(expected);
  });

  test("--shard auto/N takes I from JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job sets it", async () => {
    const dir = join(cwd, "indexed-job");
    const run = await prepare(["--input", input, "--output", `${dir}/`, "--shard", "auto/3"], { JOB_COMPLETION_INDEX: "2" });
    expect(run.code).toBe(0);
    expect(await filesIn(dir)).toEqual(["out-shard-00002-of-00003-00000-of-00001.parquet", "summary-shard-00002-of-00003.json"]);
    // The last third of the bytes: the lines that start there, the last records of the input.
    const rows = (await shardRows(dir)).map(idColumnsOf);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected.slice(expected.length - rows.length));
    const summary = JSON.parse(await readFile(join(dir, "summary-shard-00002-of-00003.json"), "utf8")) as Record<string, any>;
    expect(summary.shard).toEqual({ index: 2, count: 3 });
    const size = (await stat(input)).size;
    expect(summary.input.parts).toEqual([{ path: input, bytes: [Math.floor((size * 2) / 3), size] }]);
    expect(summary.input.bytesRead).toBeLessThan(size / 2);
  });

  test("--shard auto/N without JOB_COMPLETION_INDEX, or with one out of range, is refused", async () => {
    const unset = await runCli(["prepare", "--tokenizer", qwen3Dir, "--input", input, "--output", join(cwd, "x/"), "--shard", "auto/3"], { cwd, env: { JOB_COMPLETION_INDEX: "" } });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/JOB_COMPLETION_INDEX .*which is not set/);
    const outside = await prepare(["--input", input, "--output", join(cwd, "x/"), "--shard", "auto/3"], { JOB_COMPLETION_INDEX: "3" });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/JOB_COMPLETION_INDEX is "3", not a whole number from 0 to 2/);
  });
});

describe("a stopped run leaves no file that looks complete", () => {
  test("SIGTERM: exit 143, only .partial shards (each a readable Parquet file of whole rows), summary.json says incomplete", async () => {
    const big = await writeLines(cwd, "big.jsonl", Array.from({ length: 4000 }, (_, index) => line(record(index % 7))));
    const dir = join(cwd, "stopped");
    const child = startCli(["prepare", "--tokenizer", qwen3Dir, "--input", big, "--output", `${dir}/`, "--rows-per-shard", "40"], { cwd });
    child.stdin.end();
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = once(child, "close") as Promise<[number | null]>;
    const deadline = Date.now() + 60_000;
    while (!(await stat(join(dir, "out-00001.parquet.partial")).then(() => true, () => false))) {
      if (Date.now() > deadline) throw new Error(`no second shard within a minute; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill("SIGTERM");
    const [code] = await exited;
    expect(code).toBe(143);
    const names = await filesIn(dir);
    expect(names.filter((name) => name.endsWith(".parquet"))).toEqual([]);
    const partials = names.filter((name) => name.endsWith(".parquet.partial"));
    expect(partials.length).toBeGreaterThanOrEqual(2);
    const rows = (await Promise.all(partials.map((name) => readParquetRows(join(dir, name))))).flat();
    expect(rows.length).toBeLessThan(4000);
    // Line i of the input is record(i % 7), whose row is expected[i % 7].
    for (const [index, row] of rows.entries()) expect(idColumnsOf(row)).toEqual(expected[index % 7]);
    const summary = JSON.parse(await readFile(join(dir, "summary.json"), "utf8")) as Record<string, any>;
    expect(summary).toMatchObject({ complete: false, interruptedBy: "SIGTERM", records: { out: rows.length } });
    expect(stderr).toMatch(/left with \.partial names/);
  });
});
