import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, runCli } from "./helpers.ts";
import { line, readRows, reportedLines, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";
import { conversationColumn, int64Column, stringColumn, writeParquet } from "./parquet-helpers.ts";

let cwd: string;
let qwen3Dir: string;

const RECORDS: InputRecord[] = Array.from({ length: 6 }, (_, index) => ({
  messages: [
    ...(index % 3 === 0 ? [{ role: "system", content: "Answer briefly." }] : []),
    { role: "user", content: `What is ${index} + ${index}?` },
    { role: "assistant", content: `${index + index}.` },
  ],
}));
const UNKNOWN_ROLE = { messages: [{ role: "narrator", content: "Once" }, { role: "assistant", content: "…" }] };

beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
});

const prepare = (args: string[]) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd });

/** The rows `prepare` writes for `records` read from JSON Lines: what the same records read from Parquet must give. */
async function jsonlRows(name: string, records: unknown[], extra: string[] = []): Promise<PreparedRow[]> {
  const input = await writeLines(cwd, `${name}.jsonl`, records.map(line));
  const output = join(cwd, `${name}.reference.jsonl`);
  await prepare(["--input", input, "--output", output, ...extra]);
  return readRows(output);
}

const messagesOf = (records: Array<{ messages: unknown }>) => conversationColumn("messages", ["role", "content"], records.map((record) => record.messages));

describe("prepare --input Parquet", () => {
  test("a list<struct> messages column, several row groups, extra columns: the same rows as the same records in JSON Lines", async () => {
    const file = await writeParquet(
      join(cwd, "chats.parquet"),
      { id: int64Column("id", RECORDS.map((_, index) => BigInt(index))), messages: messagesOf(RECORDS), source: stringColumn("source", RECORDS.map(() => "unit-test")) },
      4,
    );
    const output = join(cwd, "from-parquet.jsonl");
    const run = await prepare(["--input", file, "--output", output, "--keep-columns", "id"]);
    expect(run.code).toBe(0);
    const rows = await readRows<PreparedRow & { id: number }>(output);
    const reference = await jsonlRows("chats", RECORDS);
    expect(rows.map(({ id: _id, ...row }) => row)).toEqual(reference);
    expect(rows.map((row) => row.id)).toEqual(RECORDS.map((_, index) => index));
    expect(run.stderr).toMatch(/^records: +6 in, 6 out, 0 rejected$/m);
  });

  test("ShareGPT conversations (from/value) with the same field flags as JSON", async () => {
    const sharegpt = RECORDS.map((record) => ({
      conversations: record.messages.map((message) => ({ from: { user: "human", assistant: "gpt" }[message.role as string] ?? message.role, value: message.content })),
    }));
    const flags = ["--messages-field", "conversations", "--role-field", "from", "--content-field", "value"];
    const file = await writeParquet(join(cwd, "sharegpt.parquet"), { conversations: conversationColumn("conversations", ["from", "value"], sharegpt.map((record) => record.conversations)) });
    const output = join(cwd, "sharegpt.jsonl");
    expect((await prepare(["--input", file, "--output", output, ...flags])).code).toBe(0);
    expect(await readRows(output)).toEqual(await jsonlRows("sharegpt", sharegpt, flags));
    // Without the flags, the hint names them.
    const run = await prepare(["--input", file, "--output", join(cwd, "sharegpt-unflagged.jsonl")]);
    expect(run.code).toBe(1);
    expect(reportedLines(run.stderr)).toEqual([]);
    expect(run.stderr).toMatch(new RegExp(`^${file} row 0: no "messages" array \\(the record has "conversations": .*--messages-field conversations`, "m"));
  });

  test("a folder of shards and a wildcard: read in name order; rejected rows name their file and row", async () => {
    const dir = join(cwd, "shards");
    await mkdir(dir);
    const first = RECORDS.slice(0, 3);
    const second = [RECORDS[3]!, UNKNOWN_ROLE, RECORDS[4]!, RECORDS[5]!];
    // Written out of order: the name decides.
    await writeParquet(join(dir, "train-00001-of-00002.parquet"), { messages: messagesOf(second) }, 2);
    await writeParquet(join(dir, "train-00000-of-00002.parquet"), { messages: messagesOf(first) });
    await writeLines(dir, "dataset_info.json", ['{"not": "records"}']);
    const reference = await jsonlRows("shards", RECORDS);
    for (const spec of [dir, `${dir}/`, join(dir, "train-*.parquet")]) {
      const output = join(cwd, "from-shards.jsonl");
      const rejects = join(cwd, "shards-rejects.jsonl");
      const run = await prepare(["--input", spec, "--output", output, "--rejects", rejects]);
      expect(run.code).toBe(1);
      expect(await readRows(output)).toEqual(reference);
      const secondFile = join(dir, "train-00001-of-00002.parquet");
      expect(run.stderr).toMatch(new RegExp(`^${secondFile} row 1: messages\\[0\\] has the unknown role "narrator"`, "m"));
      const [entry] = await readRows<Record<string, unknown>>(rejects);
      expect(entry).toMatchObject({ file: secondFile, row: 1, kind: "unknown-role" });
      expect(JSON.parse(entry!.input as string)).toEqual(UNKNOWN_ROLE);
    }
  });

  test("several JSON Lines files through a wildcard: lines are named with their file", async () => {
    const dir = join(cwd, "jsonl-shards");
    await mkdir(dir);
    await writeLines(dir, "part-0.jsonl", RECORDS.slice(0, 2).map(line));
    await writeLines(dir, "part-1.jsonl", [line(RECORDS[2]), "{broken"]);
    const output = join(cwd, "from-jsonl-shards.jsonl");
    const run = await prepare(["--input", join(dir, "part-?.jsonl"), "--output", output]);
    expect(run.code).toBe(1);
    expect(await readRows(output)).toEqual((await jsonlRows("jsonl-shards", RECORDS.slice(0, 3))));
    expect(run.stderr).toMatch(new RegExp(`^${join(dir, "part-1.jsonl")} line 2: not JSON`, "m"));
  });

  test("a wildcard that matches nothing, or a file that is not Parquet, fails naming it", async () => {
    const none = await prepare(["--input", join(cwd, "nothing-*.parquet"), "--output", join(cwd, "none.jsonl")]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/nothing-\*\.parquet matches no file/);
    const fake = await writeLines(cwd, "fake.parquet", ["not parquet at all"]);
    const broken = await prepare(["--input", fake, "--output", join(cwd, "broken.jsonl")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(new RegExp(`cannot read ${fake} as Parquet`));
    expect(await readFile(join(cwd, "broken.jsonl"), "utf8")).toBe("");
  });
});
