import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TokenizerLike } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { parseJsonl, QWEN3_TOKENIZER_DIR, qwen3Workspace, REPO_ROOT, runCli } from "./helpers.ts";
import { libraryRow, line, readRows, STRICT_CHATML, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";

const TOOLS = [{ type: "function", function: { name: "get_time", description: "The time now.", parameters: { type: "object", properties: {} } } }];

const GOOD_A: InputRecord = {
  messages: [
    { role: "system", content: "Be brief." },
    { role: "user", content: "Name a prime above 100." },
    { role: "assistant", content: "101." },
  ],
};
const GOOD_B: InputRecord = {
  messages: [
    { role: "user", content: "こんにちは 👋 what time is it?" },
    { role: "assistant", content: "", tool_calls: [{ type: "function", function: { name: "get_time", arguments: {} } }] },
    { role: "tool", content: "14:05" },
    { role: "assistant", reasoning_content: "The tool said 14:05.", content: "It is 14:05." },
  ],
  tools: TOOLS as InputRecord["tools"],
};
const GOOD_C: InputRecord = {
  messages: [{ role: "user", content: "Say hi." }, { role: "assistant", content: "Hi!" }],
  chat_template_kwargs: { enable_thinking: false },
};
/** Qwen3 adds a null system prompt to a string when tools are given: Python raises, so the line is rejected. */
const QWEN3_REJECTS = { messages: [{ role: "system", content: null }, { role: "user", content: "hi" }], tools: TOOLS };


let cwd: string, qwen3Dir: string, tokenizer: TokenizerLike;
beforeAll(async () => ({ cwd, qwen3Dir, tokenizer } = await qwen3Workspace()));

/** The library's row for a record (the CLI's output must equal it), without the spans mask does not write. */
async function expectedRow(record: InputRecord, chatTemplate?: string): Promise<Omit<PreparedRow, "labels">> {
  const { spans: _spans, ...row } = await libraryRow(tokenizer, record, chatTemplate);
  return row;
}

const writeInput = (name: string, lines: string[], ending = "\n", trailing = true) => writeLines(cwd, name, lines, trailing, ending);



describe("mask: good input", () => {
  test("examples/sample.jsonl: every line comes out, in order, equal to applyChatTemplate in-process", async () => {
    const inputPath = join(REPO_ROOT, "examples", "sample.jsonl");
    const records = parseJsonl(await readFile(inputPath, "utf8")) as InputRecord[];
    const output = join(cwd, "sample.masked.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", inputPath, "--output", output], { cwd });
    expect(run.stderr).toBe("using training template qwen-3 (matched by fingerprint)\n");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const rows = await readRows(output);
    expect(rows).toHaveLength(records.length);
    for (const [index, row] of rows.entries()) {
      const { text: _text, ...expected } = await expectedRow(records[index]!);
      expect(Object.keys(row)).toEqual(["input_ids", "attention_mask", "assistant_masks"]);
      expect(row).toEqual(expected);
      expect(row.assistant_masks).toContain(1);
      expect(row.assistant_masks).toContain(0);
      expect(row.attention_mask.every((bit) => bit === 1)).toBe(true);
    }
  });

  test("the README demo: the published Qwen3 tokenizer package, --summary", async () => {
    const inputPath = join(REPO_ROOT, "examples", "sample.jsonl");
    const output = join(cwd, "demo.masked.jsonl");
    const run = await runCli(["mask", "--tokenizer", QWEN3_TOKENIZER_DIR, "--input", inputPath, "--output", output, "--summary"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("using training template qwen-3 (matched by behaviour)\n");
    expect(run.stdout).toMatch(/^records: +8 in, 8 out, 0 rejected$/m);
    expect(run.stdout).toMatch(/^template: +training template qwen-3 \(matched by behaviour\)$/m);
    expect(await readRows(output)).toHaveLength(8);
  });

  test("order is kept whatever the lengths; --include-text adds the rendered text", async () => {
    const records = [GOOD_B, GOOD_A, GOOD_C, GOOD_A];
    const input = await writeInput("order.jsonl", records.map(line));
    const output = join(cwd, "order.out.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--include-text"], { cwd });
    expect(run.code).toBe(0);
    const rows = await readRows(output);
    expect(rows).toEqual(await Promise.all(records.map((record) => expectedRow(record))));
    expect(rows[1]!.text).toContain("<|im_start|>assistant\n");
    expect(rows[1]!.text).toContain("101.");
  });

  test("CRLF line endings, blank lines and no newline at the end give the same output", async () => {
    const records = [GOOD_A, GOOD_B, GOOD_C];
    const plain = await writeInput("plain.jsonl", records.map(line));
    const windows = await writeInput("windows.jsonl", [line(GOOD_A), "", "   ", line(GOOD_B), line(GOOD_C)], "\r\n", false);
    const plainOut = join(cwd, "plain.out.jsonl");
    const windowsOut = join(cwd, "windows.out.jsonl");
    const runs = await Promise.all([
      runCli(["mask", "--tokenizer", qwen3Dir, "--input", plain, "--output", plainOut], { cwd }),
      runCli(["mask", "--tokenizer", qwen3Dir, "--input", windows, "--output", windowsOut], { cwd }),
    ]);
    expect(runs.map((run) => run.code)).toEqual([0, 0]);
    expect(runs[1]!.stderr).not.toContain("line");
    const windowsRows = await readRows(windowsOut);
    expect(windowsRows).toHaveLength(3);
    expect(windowsRows).toEqual(await readRows(plainOut));
    expect(await readFile(windowsOut, "utf8")).toMatch(/\}\n$/);
  });

  test("--summary: counts and token totals that agree with the output", async () => {
    const input = await writeInput("summary.jsonl", [line(GOOD_A), line(QWEN3_REJECTS), line(GOOD_B)]);
    const output = join(cwd, "summary.out.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--summary"], { cwd });
    expect(run.code).toBe(1);
    const rows = await readRows(output);
    const tokens = rows.reduce((sum, row) => sum + row.input_ids.length, 0);
    const trained = rows.reduce((sum, row) => sum + row.assistant_masks.reduce((a, b) => a + b, 0), 0);
    expect(run.stdout).toContain("3 in, 2 out, 1 rejected");
    expect(run.stdout).toContain(`${tokens.toLocaleString("en-US")}, of which trained: ${trained.toLocaleString("en-US")} (${((100 * trained) / tokens).toFixed(1)}%)`);
    expect(run.stdout).toContain("training template qwen-3 (matched by fingerprint)");
  });

  test("- reads stdin and writes the lines to stdout", async () => {
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", "-", "--output", "-"], { cwd, stdin: `${line(GOOD_C)}\n${line(GOOD_A)}` });
    expect(run.code).toBe(0);
    const { text: _c, ...expectedC } = await expectedRow(GOOD_C);
    const { text: _a, ...expectedA } = await expectedRow(GOOD_A);
    expect(parseJsonl(run.stdout)).toEqual([expectedC, expectedA]);
  });
});

describe("mask: bad lines", () => {
  const BAD_FILE = [
    line(GOOD_A), // 1
    '{"messages": [', // 2
    "", // 3: skipped silently
    "[1, 2]", // 4
    '{"conversation": []}', // 5
    '{"messages": ["hello"]}', // 6
    '{"messages": [{"content": "who am I?"}]}', // 7
    line(QWEN3_REJECTS), // 8
    line(GOOD_C), // 9, without a newline after it
  ];
  const EXPECTED_REASONS: Array<[number, RegExp]> = [
    [2, /^not JSON: .+/],
    [4, /^not a JSON object \(got a list\)$/],
    [5, /^no "messages" array$/],
    [6, /^messages\[0\]: expected a message object \(got a string\)$/],
    [7, /^messages\[0\]\.role: expected a role name \(got nothing\)$/],
    [8, /failed while rendering: .+/],
  ];

  test("each is reported with its line number, the good lines still come out, exit 1", async () => {
    const input = await writeInput("bad.jsonl", BAD_FILE, "\n", false);
    const output = join(cwd, "bad.out.jsonl");
    const rejects = join(cwd, "bad.rejects.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--rejects", rejects], { cwd });
    expect(run.code).toBe(1);
    const { text: _a, ...expectedA } = await expectedRow(GOOD_A);
    const { text: _c, ...expectedC } = await expectedRow(GOOD_C);
    expect(await readRows(output)).toEqual([expectedA, expectedC]);

    const reported = run.stderr.split("\n").filter((text) => text.startsWith("line "));
    expect(reported).toHaveLength(EXPECTED_REASONS.length);
    for (const [index, [number, reason]] of EXPECTED_REASONS.entries()) {
      const [prefix, ...rest] = reported[index]!.split(": ");
      expect(prefix).toBe(`line ${number}`);
      expect(rest.join(": ")).toMatch(reason);
    }

    const rejected = parseJsonl(await readFile(rejects, "utf8")) as Array<{ line: number; kind: string; reason: string; input: string }>;
    expect(rejected.map((entry) => entry.line)).toEqual(EXPECTED_REASONS.map(([number]) => number));
    for (const [index, entry] of rejected.entries()) {
      expect(Object.keys(entry)).toEqual(["line", "kind", "reason", "input"]);
      expect(entry.input).toBe(BAD_FILE[entry.line - 1]);
      expect(entry.reason).toMatch(EXPECTED_REASONS[index]![1]);
      expect(reported[index]).toBe(`line ${entry.line}: ${entry.reason}`);
    }
  });

  test("without anything to reject the rejects file is empty and the exit code 0", async () => {
    const input = await writeInput("fine.jsonl", [line(GOOD_A)]);
    const rejects = join(cwd, "fine.rejects.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", join(cwd, "fine.out.jsonl"), "--rejects", rejects], {
      cwd,
    });
    expect(run.code).toBe(0);
    expect(await readFile(rejects, "utf8")).toBe("");
  });

  test("an output that is the input is refused before the input is touched", async () => {
    const input = await writeInput("precious.jsonl", [line(GOOD_A)]);
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", "./precious.jsonl"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("is also the input");
    expect(await readFile(input, "utf8")).toBe(`${line(GOOD_A)}\n`);
  });

  test("an unreadable input file: exit 2", async () => {
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", "missing.jsonl", "--output", "out.jsonl"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read missing.jsonl");
  });
});

describe("mask --template FILE", () => {
  test("renders with the file's template as is, and rejects what it raises on", async () => {
    const templatePath = join(cwd, "strict-chatml.jinja");
    await writeFile(templatePath, STRICT_CHATML);
    const narrator = { messages: [{ role: "narrator", content: "Once upon a time" }, { role: "assistant", content: "…" }] };
    const input = await writeInput("strict.jsonl", [line(GOOD_C), line(narrator), line(GOOD_A)]);
    const output = join(cwd, "strict.out.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--template", "strict-chatml.jinja", "--include-text"], {
      cwd,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("using the template in strict-chatml.jinja, as is");
    expect(run.stderr).toMatch(/^line 2: .*rejected the conversation: Unsupported role: narrator$/m);
    const rows = await readRows(output);
    expect(rows).toEqual([await expectedRow(GOOD_C, STRICT_CHATML), await expectedRow(GOOD_A, STRICT_CHATML)]);
    // The file's template, not Qwen3's: no <think> block, nothing but ChatML.
    expect(rows[0]!.text).toBe("<|im_start|>user\nSay hi.<|im_end|>\n<|im_start|>assistant\nHi!<|im_end|>\n");
  });

  test("a template without generation markers is refused up front (exit 2)", async () => {
    const templatePath = join(cwd, "plain.jinja");
    await writeFile(templatePath, STRICT_CHATML.replace("{% generation %}", "").replace("{% endgeneration %}", ""));
    const input = await writeInput("plain-template.jsonl", [line(GOOD_A)]);
    const output = join(cwd, "plain-template.out.jsonl");
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--template", templatePath], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no {% generation %} markers");
  });

  test("a missing template file: exit 2", async () => {
    const run = await runCli(["mask", "--tokenizer", qwen3Dir, "--input", "x.jsonl", "--output", "y.jsonl", "--template", "nope.jinja"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot read the template nope.jinja");
  });
});
