import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TokenizerLike } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { makeTokenizerDir, parseJsonl, qwen3Workspace, readOriginal, runCli } from "./helpers.ts";
import { libraryRow, line, STRICT_CHATML, readRows, rejectedByKind, reportedLines, writeLines, type InputRecord, type RejectEntry } from "./prepare-helpers.ts";

const TOOLS = [{ type: "function", function: { name: "get_time", description: "The time now.", parameters: { type: "object", properties: {} } } }];
const GOOD_A: InputRecord = { messages: [{ role: "user", content: "Name a prime above 100." }, { role: "assistant", content: "101." }] };
const GOOD_B: InputRecord = { messages: [{ role: "user", content: "Say hi." }, { role: "assistant", content: "Hi!" }], chat_template_kwargs: { enable_thinking: false } };


let cwd: string, qwen3Dir: string, tokenizer: TokenizerLike;
beforeAll(async () => ({ cwd, qwen3Dir, tokenizer } = await qwen3Workspace()));

const prepare = (args: string[]) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd });

describe("prepare: bad records are reported, kept in --rejects and never stop the run", () => {
  const FILE = [
    line(GOOD_A), // 1
    '{"messages": [{"role": "user", "content": "unfinished"', // 2: malformed JSON
    "", // 3: blank, skipped
    '{"conversation": []}', // 4: no messages
    line({ messages: [{ role: "user", content: 42 }, { role: "assistant", content: "?" }] }), // 5: non-string content
    line({ messages: [{ role: "user", content: { text: "hi" } }, { role: "assistant", content: "?" }] }), // 6: an object as content
    line({ messages: [{ role: "narrator", content: "Once upon a time" }, { role: "assistant", content: "…" }] }), // 7: unknown role
    line({ messages: [{ role: "system", content: null }, { role: "user", content: "hi" }], tools: TOOLS }), // 8: Qwen3 fails to render it
    line({ messages: [{ role: "user", content: "hi" }, { role: "assistant", content: "yo", train: "no" }] }), // 9: train not a boolean
    line({ conversations: [{ from: "human", value: "hi" }] }), // 10: ShareGPT without the flags
    line(GOOD_B), // 11, without a newline after it
  ];
  const EXPECTED: Array<[number, string, RegExp]> = [
    [2, "invalid-json", /^not JSON: .+/],
    [4, "no-messages", /^no "messages" array$/],
    [5, "invalid-content", /^messages\[0\]\.content: expected a string, a list of content blocks, or null \(got a number\)$/],
    [6, "invalid-content", /^messages\[0\]\.content: expected a string, a list of content blocks, or null \(got an object\)$/],
    [7, "unknown-role", /^messages\[0\] has the unknown role "narrator" \(known: .*assistant.*; map it with --role-alias narrator=ROLE\)$/],
    [8, "template-failed", /failed while rendering: .+/],
    [9, "invalid-field", /^messages\[1\]\.train is not true or false \(got a string\)$/],
    [10, "no-messages", /--messages-field conversations --role-field from --content-field value/],
  ];

  test("each is reported with its line number and reason, the good ones still come out, exit 1", async () => {
    const input = await writeLines(cwd, "bad.jsonl", FILE, false);
    const rejects = join(cwd, "bad.rejects.jsonl");
    const run = await prepare(["--input", input, "--output", "bad.out.jsonl", "--rejects", rejects]);
    expect(run.code).toBe(1);
    const rows = await readRows(join(cwd, "bad.out.jsonl"));
    expect(rows.map((row) => row.input_ids)).toEqual([(await libraryRow(tokenizer, GOOD_A)).input_ids, (await libraryRow(tokenizer, GOOD_B)).input_ids]);

    const reported = reportedLines(run.stderr);
    expect(reported).toHaveLength(EXPECTED.length);
    const entries = parseJsonl(await readFile(rejects, "utf8")) as RejectEntry[];
    expect(entries.map((entry) => entry.line)).toEqual(EXPECTED.map(([number]) => number));
    for (const [index, [number, kind, reason]] of EXPECTED.entries()) {
      const entry = entries[index]!;
      expect(Object.keys(entry)).toEqual(["line", "kind", "reason", "input"]);
      expect(entry.kind).toBe(kind);
      expect(entry.reason).toMatch(reason);
      expect(entry.input).toBe(FILE[number - 1]);
      expect(reported[index]).toBe(`line ${number}: ${entry.reason}`);
    }
    expect(run.stderr).toMatch(/^records: +10 in, 2 out, 8 rejected$/m);
    const counts: Record<string, number> = {};
    for (const [, kind] of EXPECTED) counts[kind] = (counts[kind] ?? 0) + 1;
    expect(rejectedByKind(run.stderr)).toEqual(counts);
  });

  test("a template that raises rejects the record with the template's own message", async () => {
    await writeFile(join(cwd, "strict.jinja"), STRICT_CHATML);
    const narrator = { messages: [{ role: "narrator", content: "Once upon a time" }, { role: "assistant", content: "…" }] };
    const input = await writeLines(cwd, "raises.jsonl", [line(GOOD_A), line(narrator)]);
    // The alias makes "narrator" a role the data may use: the template is what refuses it.
    const run = await prepare(["--input", input, "--output", "raises.out.jsonl", "--template", "strict.jinja", "--role-alias", "narrator=narrator", "--rejects", "raises.rejects.jsonl"]);
    expect(run.code).toBe(1);
    expect(reportedLines(run.stderr)).toEqual([expect.stringMatching(/^line 2: Chat template strict\.jinja rejected the conversation: Unsupported role: narrator$/)]);
    const [entry] = parseJsonl(await readFile(join(cwd, "raises.rejects.jsonl"), "utf8")) as RejectEntry[];
    expect(entry!.kind).toBe("template-rejected");
    expect(await readRows(join(cwd, "raises.out.jsonl"))).toHaveLength(1);
  });

  test("a JSON array cut off in the middle: the whole records come out, the cut one is rejected", async () => {
    const text = JSON.stringify([GOOD_A, GOOD_B, GOOD_A], null, 1);
    const cut = text.slice(0, text.lastIndexOf('"101."'));
    const input = join(cwd, "cut.json");
    await writeFile(input, cut);
    const run = await prepare(["--input", input, "--output", "cut.out.jsonl"]);
    expect(run.code).toBe(1);
    expect(await readRows(join(cwd, "cut.out.jsonl"))).toHaveLength(2);
    const reported = reportedLines(run.stderr);
    expect(reported[0]).toMatch(/^line \d+: the input ends inside this record \(the JSON array is cut off\)$/);
    expect(reported[1]).toMatch(/^line \d+: warning: the JSON array is not closed with \]$/);
  });
});

describe("prepare: inputs with nothing in them, and runs that cannot start", () => {
  test("an empty file and a file of blank lines: exit 0, an empty output, a warning", async () => {
    const empty = await writeLines(cwd, "empty.jsonl", []);
    const blank = await writeLines(cwd, "blank.jsonl", ["", "   ", ""]);
    const runs = await Promise.all([
      prepare(["--input", empty, "--output", "empty.out.jsonl"]),
      prepare(["--input", blank, "--output", "blank.out.jsonl"]),
    ]);
    for (const [index, run] of runs.entries()) {
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("warning: the input holds no records");
      expect(run.stderr).toMatch(/^records: +0 in, 0 out, 0 rejected$/m);
      expect(await readFile(join(cwd, index === 0 ? "empty.out.jsonl" : "blank.out.jsonl"), "utf8")).toBe("");
    }
  });

  test("a template no variant knows: masks derived from its own renders, and the line prepare prints says so", async () => {
    const original = await readOriginal("qwen__3.jinja");
    const dir = await makeTokenizerDir({ configTemplate: original.replace("'\\n<tool_response>\\n'", "'\\n<tool_result>\\n'") });
    const input = await writeLines(cwd, "unknown-template.jsonl", [line(GOOD_A)]);
    const run = await runCli(["prepare", "--tokenizer", dir, "--input", input, "--output", "unknown-template.out.jsonl"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^using the tokenizer's own chat template: masks derived from its own renders \(strategy derived: no curated variant \(not a known original; nearest known variants: qwen-3/m);
    expect(parseJsonl(await readFile(join(cwd, "unknown-template.out.jsonl"), "utf8"))).toHaveLength(1);
  });

  test("a template nothing can verify: exit 2 before any output is written, with the reason", async () => {
    const dir = await makeTokenizerDir({ configTemplate: "{{ raise_exception('no chat format here') }}" });
    const input = await writeLines(cwd, "unverifiable-template.jsonl", [line(GOOD_A)]);
    const run = await runCli(["prepare", "--tokenizer", dir, "--input", input, "--output", "unverifiable-template.out.jsonl"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`no masks can be verified for the tokenizer in ${dir}`);
    expect(run.stderr).toMatch(/raises on every probe conversation \(first: .*no chat format here/);
    expect(existsSync(join(cwd, "unverifiable-template.out.jsonl"))).toBe(false);
  });

  test.each([
    [["--shard", "3/2"], "--shard takes I/N with 0 <= I < N"],
    [["--train-on-eos", "sometimes"], '--train-on-eos takes turn, last, none; got "sometimes"'],
    [["--max-length", "0"], "--max-length takes a whole number of at least 1"],
    [["--workers", "two"], "--workers takes auto or a whole number of at least 1"],
    [["--truncation", "middle"], "--truncation takes right, left"],
    [["--role-alias", "bot"], "--role-alias takes FROM=TO pairs"],
    [["--roles", "assistant,"], "--roles takes role names separated by commas"],
    [["--input-format", "csv"], "--input-format takes auto, jsonl, json"],
  ])("%j: a usage error, exit 2", async (flags, message) => {
    const run = await prepare(["--input", "in.jsonl", "--output", "out.jsonl", ...flags]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain("Usage: training-templates prepare");
  });

  test("an input that is a folder without data files, or missing: exit 2 naming it", async () => {
    await mkdir(join(cwd, "no-data"), { recursive: true });
    await writeFile(join(cwd, "no-data", "README.md"), "not data");
    const [folder, missing] = await Promise.all([
      prepare(["--input", "no-data", "--output", "folder.out.jsonl"]),
      prepare(["--input", "missing.jsonl", "--output", "missing.out.jsonl"]),
    ]);
    expect([folder.code, missing.code]).toEqual([2, 2]);
    expect(folder.stderr).toContain("the folder no-data holds no .parquet, .jsonl or .json file");
    expect(missing.stderr).toContain("cannot read missing.jsonl");
  });
});
