import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { TokenizerLike } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { qwen3Workspace, runCli, startCli } from "./helpers.ts";
import { libraryRow, line, readRows, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";

let cwd: string, qwen3Dir: string, tokenizer: TokenizerLike;
beforeAll(async () => ({ cwd, qwen3Dir, tokenizer } = await qwen3Workspace()));

const prepare = (args: string[]) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd });

/** Conversations of different lengths (so workers finish them out of order), with a bad line every 17th. */
function mixedLines(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    if (index % 17 === 5) return index % 2 === 0 ? '{"messages": [' : line({ messages: [{ role: "user", content: index }] });
    const words = "lorem ipsum dolor sit amet ".repeat(1 + ((index * 7) % 40));
    const record: InputRecord = {
      messages: [
        { role: "user", content: `Question ${index}: ${words}` },
        { role: "assistant", content: `Answer ${index}.` },
      ],
    };
    return line(record);
  });
}

describe("prepare at scale", () => {
  test("--workers 2 writes the same bytes, in input order, as one thread; rejects too", async () => {
    const input = await writeLines(cwd, "mixed.jsonl", mixedLines(120));
    const [one, two] = await Promise.all([
      prepare(["--input", input, "--output", "w1.jsonl", "--rejects", "w1.rejects.jsonl"]),
      prepare(["--input", input, "--output", "w2.jsonl", "--rejects", "w2.rejects.jsonl", "--workers", "2"]),
    ]);
    expect([one.code, two.code]).toEqual([1, 1]);
    const output = await readFile(join(cwd, "w1.jsonl"), "utf8");
    expect(await readFile(join(cwd, "w2.jsonl"), "utf8")).toBe(output);
    expect(await readFile(join(cwd, "w2.rejects.jsonl"), "utf8")).toBe(await readFile(join(cwd, "w1.rejects.jsonl"), "utf8"));
    const rows = await readRows(join(cwd, "w1.jsonl"));
    expect(rows).toHaveLength(120 - 7);
    // Order: the i-th row is the i-th good record.
    expect(rows[3]!.input_ids).toEqual((await libraryRow(tokenizer, JSON.parse(mixedLines(120)[3]!) as InputRecord)).input_ids);
  });

  test("--shard I/N: each shard a contiguous part of the input; the shards in order are the whole output", async () => {
    const lines = mixedLines(40);
    const input = await writeLines(cwd, "shard.jsonl", lines);
    const whole = await prepare(["--input", input, "--output", "shard.all.jsonl", "--no-labels", "--include-text"]);
    const shards = await Promise.all([0, 1, 2].map((index) => prepare(["--input", input, "--output", `shard.${index}.jsonl`, "--no-labels", "--include-text", "--shard", `${index}/3`])));
    expect(whole.code).toBe(1);
    const wholeRows = await readRows(join(cwd, "shard.all.jsonl"));
    const good = lines.flatMap((text, index) => (index % 17 === 5 ? [] : [index]));
    expect(wholeRows).toHaveLength(good.length);
    // Shard k takes the lines that start in its third of the bytes.
    const size = (await stat(input)).size;
    const starts = lines.map((_, index) => lines.slice(0, index).reduce((sum, text) => sum + Buffer.byteLength(text) + 1, 0));
    const shardOf = (recordIndex: number) => [1, 2].filter((k) => starts[recordIndex]! >= Math.floor((size * k) / 3)).length;
    for (const [index, run] of shards.entries()) {
      const mine = good.filter((recordIndex) => shardOf(recordIndex) === index);
      expect(run.stderr).toMatch(new RegExp(`^records: +${lines.filter((_, i) => shardOf(i) === index).length} in, ${mine.length} out`, "m"));
      const rows = await readRows(join(cwd, `shard.${index}.jsonl`));
      expect(rows).toEqual(mine.map((recordIndex) => wholeRows[good.indexOf(recordIndex)]));
    }
  });

  test("a very long line (one message of 400,000 characters) is read and encoded whole", async () => {
    const long: InputRecord = { messages: [{ role: "user", content: "Summarise: " + "the cat sat on the mat. ".repeat(16_000) }, { role: "assistant", content: "A cat sat." }] };
    const input = await writeLines(cwd, "long.jsonl", [line(GOOD_SHORT), line(long), line(GOOD_SHORT)]);
    expect((await stat(input)).size).toBeGreaterThan(380_000);
    const run = await prepare(["--input", input, "--output", "long.out.jsonl"]);
    expect(run.code).toBe(0);
    const rows = await readRows(join(cwd, "long.out.jsonl"));
    expect(rows).toHaveLength(3);
    const expected = await libraryRow(tokenizer, long);
    expect(rows[1]!.input_ids).toEqual(expected.input_ids);
    expect(rows[1]!.assistant_masks).toEqual(expected.assistant_masks);
  });
});

const GOOD_SHORT: InputRecord = { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello!" }] };

describe("prepare interrupted", () => {
  const SAMPLE: InputRecord[] = [
    GOOD_SHORT,
    { messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "2+2?" }, { role: "assistant", content: "4" }] },
    { messages: [{ role: "user", content: "Count: " + "one two three ".repeat(50) }, { role: "assistant", content: "Done." }] },
  ];
  const RECORDS = 60_000;
  let bigInput: string;

  beforeAll(async () => {
    bigInput = join(cwd, "big.jsonl");
    const stream = createWriteStream(bigInput);
    for (let index = 0; index < RECORDS; index++) {
      if (!stream.write(`${line(SAMPLE[index % SAMPLE.length])}\n`)) await once(stream, "drain");
    }
    stream.end();
    await once(stream, "finish");
  });

  /** Starts prepare, waits until `ready` holds, sends `signal`, and collects what it printed. */
  async function interrupt(args: string[], signal: NodeJS.Signals, ready: (stdout: string, stderr: string) => Promise<boolean>) {
    const child = startCli(["prepare", "--tokenizer", qwen3Dir, "--input", bigInput, ...args], { cwd });
    child.stdin.end();
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const exited = once(child, "close") as Promise<[number | null]>;
    const deadline = Date.now() + 60_000;
    while (!(await ready(stdout, stderr))) {
      if (Date.now() > deadline) throw new Error(`no output within a minute; stderr: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    child.kill(signal);
    const [code] = await exited;
    return { code, stdout, stderr };
  }

  /** Every line is a whole row, the one for its record. */
  async function expectWholeRows(text: string, labels: boolean) {
    expect(text.endsWith("\n")).toBe(true);
    const rows = text.slice(0, -1).split("\n").map((row) => JSON.parse(row) as PreparedRow);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(RECORDS);
    const expected = await Promise.all(SAMPLE.map((record) => libraryRow(tokenizer, record)));
    for (const [index, row] of rows.entries()) {
      const reference = expected[index % SAMPLE.length]!;
      expect(row.input_ids).toEqual(reference.input_ids);
      expect(row.assistant_masks).toEqual(reference.assistant_masks);
      expect(row.labels !== undefined).toBe(labels);
    }
    return rows.length;
  }

  test("SIGTERM: exit 143, the output file holds whole lines only, the summary says it stopped, progress lines were printed", async () => {
    const output = join(cwd, "interrupted.jsonl");
    // Stopped once rows are written and a progress line is out (a fast machine writes 50 kB before the first one).
    const ready = async (_stdout: string, stderr: string) => ((await stat(output).catch(() => undefined))?.size ?? 0) > 50_000 && /^progress: /m.test(stderr);
    const run = await interrupt(["--output", output, "--progress-interval", "0.2"], "SIGTERM", ready);
    expect(run.code).toBe(143);
    const written = await expectWholeRows(await readFile(output, "utf8"), true);
    expect(run.stderr).toMatch(/^stopped: +by SIGTERM before the end of the input/m);
    expect(run.stderr).toMatch(new RegExp(`^records: +${written.toLocaleString("en-US")} in, ${written.toLocaleString("en-US")} out, 0 rejected$`, "m"));
    expect(run.stderr).toMatch(/^progress: [\d,]+ records, [\d,]+ tokens, [\d.,]+ records\/s, \d+% read/m);
  });

  test("SIGINT with the rows on stdout: exit 130, whole lines only", async () => {
    const run = await interrupt(["--output", "-", "--no-labels"], "SIGINT", async (stdout) => stdout.length > 50_000);
    expect(run.code).toBe(130);
    await expectWholeRows(run.stdout, false);
    expect(run.stderr).toMatch(/^stopped: +by SIGINT/m);
  });
});
