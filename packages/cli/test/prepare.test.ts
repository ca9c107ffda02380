import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { TokenizerLike } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { parseJsonl, qwen3Workspace, REPO_ROOT, runCli } from "./helpers.ts";
import { libraryRow, line, readRows, reportedLines, trainedPieces, writeLines, type InputRecord, type PreparedRow } from "./prepare-helpers.ts";

const END = "<|im_end|>";

const TWO_TURNS: InputRecord = {
  messages: [
    { role: "system", content: "Answer with a number." },
    { role: "user", content: "Two plus two?" },
    { role: "assistant", content: "Four." },
    { role: "user", content: "And three plus three?" },
    { role: "assistant", content: "Six." },
  ],
};

let cwd: string, qwen3Dir: string, tokenizer: TokenizerLike;
beforeAll(async () => ({ cwd, qwen3Dir, tokenizer } = await qwen3Workspace()));

const prepare = (args: string[], stdin?: string) => runCli(["prepare", "--tokenizer", qwen3Dir, ...args], { cwd, ...(stdin === undefined ? {} : { stdin }) });

/** The text of each span the library marks for `record`, in order. */
async function spanTexts(record: InputRecord): Promise<string[]> {
  const { text, spans } = await libraryRow(tokenizer, record);
  return spans.map(([start, end]) => text.slice(start, end));
}

describe("prepare: the defaults", () => {
  test("examples/sample.jsonl: ids and masks equal applyChatTemplate's and mask's, labels are -100 outside the masks", async () => {
    const inputPath = join(REPO_ROOT, "examples", "sample.jsonl");
    const records = parseJsonl(await readFile(inputPath, "utf8")) as InputRecord[];
    const [run, maskRun] = await Promise.all([
      prepare(["--input", inputPath, "--output", "sample.prepared.jsonl"]),
      runCli(["mask", "--tokenizer", qwen3Dir, "--input", inputPath, "--output", "sample.masked.jsonl"], { cwd }),
    ]);
    expect(run.code).toBe(0);
    expect(maskRun.code).toBe(0);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("using training template qwen-3 (matched by fingerprint)\n");
    expect(reportedLines(run.stderr)).toEqual([]);
    const rows = await readRows(join(cwd, "sample.prepared.jsonl"));
    const masked = await readRows(join(cwd, "sample.masked.jsonl"));
    expect(rows).toHaveLength(records.length);
    let tokens = 0;
    let trained = 0;
    for (const [index, row] of rows.entries()) {
      const expected = await libraryRow(tokenizer, records[index]!);
      expect(Object.keys(row)).toEqual(["input_ids", "attention_mask", "assistant_masks", "labels"]);
      expect(row.input_ids).toEqual(expected.input_ids);
      expect(row.attention_mask).toEqual(expected.attention_mask);
      expect(row.assistant_masks).toEqual(expected.assistant_masks);
      expect(row.assistant_masks).toEqual(masked[index]!.assistant_masks);
      expect(row.labels).toEqual(row.input_ids.map((id, i) => (row.assistant_masks[i] === 1 ? id : -100)));
      expect(row.labels).toContain(-100);
      tokens += row.input_ids.length;
      trained += row.assistant_masks.filter((bit) => bit === 1).length;
    }
    expect(run.stderr).toMatch(/^records: +8 in, 8 out, 0 rejected$/m);
    const share = ((100 * trained) / tokens).toFixed(1);
    expect(run.stderr).toContain(`${tokens.toLocaleString("en-US")}, of which trained: ${trained.toLocaleString("en-US")} (${share}%)`);
    expect(run.stderr).not.toMatch(/^rejected:/m);
  });

  test("--no-labels leaves labels out; --include-text adds the rendered text; --output - writes rows to stdout", async () => {
    const input = await writeLines(cwd, "two-turns.jsonl", [line(TWO_TURNS)]);
    const run = await prepare(["--input", input, "--output", "-", "--no-labels", "--include-text"]);
    expect(run.code).toBe(0);
    const rows = parseJsonl(run.stdout) as PreparedRow[];
    expect(rows).toHaveLength(1);
    const expected = await libraryRow(tokenizer, TWO_TURNS);
    expect(Object.keys(rows[0]!)).toEqual(["input_ids", "attention_mask", "assistant_masks", "text"]);
    expect(rows[0]!.text).toBe(expected.text);
    // The summary stays on stderr, away from the data.
    expect(run.stderr).toMatch(/^records: +1 in, 1 out, 0 rejected$/m);
    expect(run.stderr).toMatch(/^output: +stdout$/m);
  });
});

describe("prepare: input shapes", () => {
  const records: InputRecord[] = [TWO_TURNS, { messages: [{ role: "user", content: "Hi 👋" }, { role: "assistant", content: "Hello!" }] }];

  test("a JSON array (pretty-printed, no trailing newline) gives the same rows as JSON Lines", async () => {
    const jsonl = await writeLines(cwd, "shapes.jsonl", records.map(line));
    const array = await writeLines(cwd, "shapes.json", [JSON.stringify(records, null, 2)], false);
    const [fromLines, fromArray] = await Promise.all([
      prepare(["--input", jsonl, "--output", "shapes.from-lines.jsonl"]),
      prepare(["--input", array, "--output", "shapes.from-array.jsonl"]),
    ]);
    expect([fromLines.code, fromArray.code]).toEqual([0, 0]);
    const rows = await readRows(join(cwd, "shapes.from-array.jsonl"));
    expect(rows).toHaveLength(2);
    expect(rows).toEqual(await readRows(join(cwd, "shapes.from-lines.jsonl")));
    expect(rows[1]!.input_ids).toEqual((await libraryRow(tokenizer, records[1]!)).input_ids);
  });

  test("ShareGPT conversations with from/value, human/gpt and a --role-alias read as messages", async () => {
    const shareGpt = records.map((record) => ({
      conversations: record.messages.map((message) => ({
        from: { user: "human", assistant: message.content === "Hello!" ? "bot" : "gpt", system: "system" }[message.role],
        value: message.content,
      })),
    }));
    const input = await writeLines(cwd, "sharegpt.jsonl", shareGpt.map(line));
    const run = await prepare([
      "--input", input, "--output", "sharegpt.out.jsonl",
      "--messages-field", "conversations", "--role-field", "from", "--content-field", "value", "--role-alias", "bot=assistant",
    ]);
    expect(run.code).toBe(0);
    const rows = await readRows(join(cwd, "sharegpt.out.jsonl"));
    for (const [index, record] of records.entries()) {
      const expected = await libraryRow(tokenizer, record);
      expect(rows[index]!.input_ids).toEqual(expected.input_ids);
      expect(rows[index]!.assistant_masks).toEqual(expected.assistant_masks);
    }
  });
});

describe("prepare: what trains", () => {
  test('a message with "train": false does not train; the text is rendered as without the flag', async () => {
    const flagged = { messages: TWO_TURNS.messages.map((message, index) => (index === 2 ? { ...message, train: false } : message)) };
    const input = await writeLines(cwd, "train-false.jsonl", [line(flagged)]);
    const run = await prepare(["--input", input, "--output", "train-false.out.jsonl", "--include-text"]);
    expect(run.code).toBe(0);
    const [row] = await readRows(join(cwd, "train-false.out.jsonl"));
    const expected = await libraryRow(tokenizer, TWO_TURNS);
    expect(row!.input_ids).toEqual(expected.input_ids);
    const spans = await spanTexts(TWO_TURNS);
    expect(await trainedPieces(tokenizer, row!.text!, row!.assistant_masks)).toEqual([spans[1]]);
    expect(spans[1]).toContain("Six.");
  });

  test("--last-turn-only trains the last assistant turn only", async () => {
    const input = await writeLines(cwd, "last-only.jsonl", [line(TWO_TURNS)]);
    const run = await prepare(["--input", input, "--output", "last-only.out.jsonl", "--include-text", "--last-turn-only"]);
    expect(run.code).toBe(0);
    const [row] = await readRows(join(cwd, "last-only.out.jsonl"));
    expect(await trainedPieces(tokenizer, row!.text!, row!.assistant_masks)).toEqual((await spanTexts(TWO_TURNS)).slice(1));
  });

  test("--train-on-eos none untrains the end-of-turn token in every turn, last keeps it in the final turn", async () => {
    const input = await writeLines(cwd, "eos.jsonl", [line(TWO_TURNS)]);
    const [none, last] = await Promise.all([
      prepare(["--input", input, "--output", "eos-none.jsonl", "--include-text", "--train-on-eos", "none"]),
      prepare(["--input", input, "--output", "eos-last.jsonl", "--include-text", "--train-on-eos", "last"]),
    ]);
    expect([none.code, last.code]).toEqual([0, 0]);
    expect(none.stderr).toContain(`end-of-turn token: ${END} (from qwen-3)`);
    const spans = await spanTexts(TWO_TURNS);
    for (const span of spans) expect(span.endsWith(END)).toBe(true);
    const [noneRow] = await readRows(join(cwd, "eos-none.jsonl"));
    const [lastRow] = await readRows(join(cwd, "eos-last.jsonl"));
    expect(await trainedPieces(tokenizer, noneRow!.text!, noneRow!.assistant_masks)).toEqual(spans.map((span) => span.slice(0, -END.length)));
    expect(await trainedPieces(tokenizer, lastRow!.text!, lastRow!.assistant_masks)).toEqual([spans[0]!.slice(0, -END.length), spans[1]]);
    expect(noneRow!.labels!.filter((id) => id === tokenizer.tokenToId(END))).toEqual([]);
  });

  test("--roles assistant,user also trains each user message's text and end-of-turn token", async () => {
    const input = await writeLines(cwd, "roles.jsonl", [line(TWO_TURNS)]);
    const run = await prepare(["--input", input, "--output", "roles.out.jsonl", "--include-text", "--roles", "assistant,user"]);
    expect(run.code).toBe(0);
    const [row] = await readRows(join(cwd, "roles.out.jsonl"));
    const spans = await spanTexts(TWO_TURNS);
    const userText = (index: number) => `${TWO_TURNS.messages[index]!.content as string}${END}`;
    expect(await trainedPieces(tokenizer, row!.text!, row!.assistant_masks)).toEqual([userText(1), spans[0], userText(3), spans[1]]);
  });

  test("a marked template that renders earlier turns differently once more messages follow: refused before any record, with the reason", async () => {
    // Each header counts the messages, so the first turns change as messages are appended: its markers cannot be
    // verified against derived spans, and derived spans cannot be had either.
    const counting = [
      "{%- for message in messages %}",
      "{{- '<|im_start|>' + message.role + ' ' + (messages | length | string) + '\\n' }}",
      "{%- if message.role == 'assistant' %}{% generation %}{{- message.content + '<|im_end|>' }}{% endgeneration %}{{- '\\n' }}",
      "{%- else %}{{- message.content + '<|im_end|>\\n' }}{%- endif %}",
      "{%- endfor %}",
    ].join("\n");
    await writeFile(join(cwd, "counting.jinja"), counting);
    const input = await writeLines(cwd, "not-prefix.jsonl", [line(TWO_TURNS)]);
    const run = await prepare(["--input", input, "--template", "counting.jinja", "--output", "not-prefix.out.jsonl", "--roles", "user,assistant"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the template counting\.jinja cannot be trained on: .*rewrites history/);
  });

  test("--max-length cuts ids, masks and labels together on either side; empty masks are reported, or dropped with --drop-empty", async () => {
    const expected = await libraryRow(tokenizer, TWO_TURNS);
    const total = expected.input_ids.length;
    const firstTrained = expected.assistant_masks.indexOf(1);
    const input = await writeLines(cwd, "cut.jsonl", [line(TWO_TURNS)]);
    const keep = 12;
    expect(firstTrained).toBeGreaterThan(keep); // so a right cut leaves no trained token
    const [right, left, drop] = await Promise.all([
      prepare(["--input", input, "--output", "cut-right.jsonl", "--max-length", String(keep)]),
      prepare(["--input", input, "--output", "cut-left.jsonl", "--max-length", String(keep), "--truncation", "left"]),
      prepare(["--input", input, "--output", "cut-drop.jsonl", "--max-length", String(keep), "--drop-empty", "--rejects", "cut-drop.rejects.jsonl"]),
    ]);
    const [rightRow] = await readRows(join(cwd, "cut-right.jsonl"));
    expect(rightRow!.input_ids).toEqual(expected.input_ids.slice(0, keep));
    expect(rightRow!.assistant_masks).toEqual(expected.assistant_masks.slice(0, keep));
    expect(rightRow!.labels).toEqual(Array(keep).fill(-100));
    expect(right.code).toBe(0);
    expect(reportedLines(right.stderr)).toEqual([`line 1: warning: no token trains once cut to ${keep} of its ${total} tokens (kept; --drop-empty drops such records)`]);
    expect(right.stderr).toMatch(/^empty: +1 written with no token that trains/m);
    expect(right.stderr).toMatch(new RegExp(`^truncated: +1 cut to ${keep} tokens$`, "m"));

    const [leftRow] = await readRows(join(cwd, "cut-left.jsonl"));
    expect(left.code).toBe(0);
    expect(leftRow!.input_ids).toEqual(expected.input_ids.slice(-keep));
    expect(leftRow!.assistant_masks).toEqual(expected.assistant_masks.slice(-keep));
    expect(leftRow!.labels).toEqual(leftRow!.input_ids.map((id, i) => (leftRow!.assistant_masks[i] ? id : -100)));
    expect(leftRow!.assistant_masks).toContain(1);

    expect(drop.code).toBe(1);
    expect(await readFile(join(cwd, "cut-drop.jsonl"), "utf8")).toBe("");
    const [rejected] = parseJsonl(await readFile(join(cwd, "cut-drop.rejects.jsonl"), "utf8")) as Array<{ line: number; kind: string; input: string }>;
    expect(rejected).toMatchObject({ line: 1, kind: "empty-mask", input: line(TWO_TURNS) });
    expect(drop.stderr).toMatch(/^rejected: +empty-mask 1$/m);
  });
});
