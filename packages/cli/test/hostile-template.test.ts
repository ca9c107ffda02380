import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parseJsonl, qwen3Workspace, runCli } from "./helpers.ts";
import { CHATML } from "../../core/test/chatml-templates.ts";
import { line, readRows, rejectedByKind, reportedLines, writeLines, type RejectEntry } from "./prepare-helpers.ts";

/**
 * A chat template is untrusted input: this one, on the first message's word, asks for a range of 10^8, writes
 * gigabytes, recurses forever, mutates the conversation, reaches for Python internals, or never ends; otherwise it
 * is plain ChatML. Every such record must be rejected with its reason, quickly, and the run must go on.
 */
const HOSTILE = [
  "{%- set word = messages[0].content %}",
  "{%- if word == 'range' %}{% for i in range(100000000) %}x{% endfor %}",
  "{%- elif word == 'gigabytes' %}{% set big = range(10000) | join(',') %}",
  "{%- for i in range(100000) %}{% for j in range(100000) %}{{ big }}{% endfor %}{% endfor %}",
  "{%- elif word == 'recursion' %}{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}",
  "{%- elif word == 'append' %}{{ messages.append(messages[0]) }}",
  "{%- elif word == 'internals' %}{{ messages.__class__.__mro__ }}",
  "{%- elif word == 'forever' %}",
  "{%- for i in range(100000) %}{% for j in range(100000) %}{% for k in range(100000) %}{% endfor %}{% endfor %}{% endfor %}",
  "{%- endif %}",
  CHATML,
].join("\n");

const record = (word: string) => ({ messages: [{ role: "user", content: word }, { role: "assistant", content: "ok" }] });

const INPUT = [
  line(record("range")), // 1
  line(record("gigabytes")), // 2
  line(record("hello")), // 3: fine
  line(record("recursion")), // 4
  line(record("append")), // 5
  line(record("internals")), // 6
  line(record("forever")), // 7
];
const EXPECTED: Array<[number, string, RegExp]> = [
  [1, "template-failed", /^Chat template hostile\.jinja failed while rendering: Range too big\. The sandbox blocks ranges larger than MAX_RANGE \(100000\)\.$/],
  [2, "template-limit", /^Chat template hostile\.jinja exceeded a render limit: it produced more than 33554432 characters of text for one conversation \(maxOutputLength\)\./],
  [4, "template-limit", /^Chat template hostile\.jinja exceeded a render limit: its macro calls nested more than 200 deep \(maxMacroDepth\)/],
  [5, "template-failed", /^Chat template hostile\.jinja failed while rendering: access to attribute 'append' of 'list' object is unsafe\.$/],
  [6, "template-failed", /^Chat template hostile\.jinja failed while rendering: access to attribute '__class__' of 'list' object is unsafe\.$/],
  [7, "template-limit", /^Chat template hostile\.jinja exceeded a render limit: it rendered one conversation for more than 5000 ms \(timeoutMs\)\./],
];

let cwd: string, qwen3Dir: string;
beforeAll(async () => {
  ({ cwd, qwen3Dir } = await qwen3Workspace());
  await writeFile(join(cwd, "hostile.jinja"), HOSTILE);
});

function expectRejections(stderr: string, rejects: RejectEntry[]): void {
  const reported = reportedLines(stderr);
  expect(reported).toHaveLength(EXPECTED.length);
  expect(rejects.map((entry) => [entry.line, entry.kind])).toEqual(EXPECTED.map(([number, kind]) => [number, kind]));
  for (const [index, [number, , reason]] of EXPECTED.entries()) {
    expect(rejects[index]!.reason).toMatch(reason);
    expect(reported[index]).toBe(`line ${number}: ${rejects[index]!.reason}`);
  }
}

describe("a hostile template: each runaway record is rejected with its reason, the run ends normally", () => {
  test("prepare", async () => {
    const input = await writeLines(cwd, "hostile.jsonl", INPUT);
    const run = await runCli(
      ["prepare", "--tokenizer", qwen3Dir, "--input", input, "--output", "hostile.out.jsonl", "--template", "hostile.jinja", "--rejects", "hostile.rejects.jsonl"],
      { cwd },
    );
    expect(run.code).toBe(1);
    expectRejections(run.stderr, parseJsonl(await readFile(join(cwd, "hostile.rejects.jsonl"), "utf8")) as RejectEntry[]);
    expect(run.stderr).toMatch(/^records: +7 in, 1 out, 6 rejected$/m);
    expect(rejectedByKind(run.stderr)).toEqual({ "template-failed": 3, "template-limit": 3 });
    expect(await readRows(join(cwd, "hostile.out.jsonl"))).toHaveLength(1);
  });

  test("mask", async () => {
    const input = await writeLines(cwd, "hostile-mask.jsonl", INPUT);
    const run = await runCli(
      ["mask", "--tokenizer", qwen3Dir, "--input", input, "--output", "hostile.masked.jsonl", "--template", "hostile.jinja", "--rejects", "hostile-mask.rejects.jsonl"],
      { cwd },
    );
    expect(run.code).toBe(1);
    expectRejections(run.stderr, parseJsonl(await readFile(join(cwd, "hostile-mask.rejects.jsonl"), "utf8")) as RejectEntry[]);
    expect(await readRows(join(cwd, "hostile.masked.jsonl"))).toHaveLength(1);
  });

  test("a template past its limits on every record: every record is rejected and the run still finishes (2 workers)", async () => {
    const input = await writeLines(cwd, "all-hostile.jsonl", ["gigabytes", "recursion", "gigabytes"].map((word) => line(record(word))));
    const args = ["prepare", "--tokenizer", qwen3Dir, "--input", input, "--output", "all-hostile.out.jsonl", "--template", "hostile.jinja", "--workers", "2"];
    const run = await runCli(args, { cwd });
    expect(run.code).toBe(1);
    expect(reportedLines(run.stderr)).toEqual([
      expect.stringMatching(/^line 1: .*\(maxOutputLength\)/),
      expect.stringMatching(/^line 2: .*\(maxMacroDepth\)/),
      expect.stringMatching(/^line 3: .*\(maxOutputLength\)/),
    ]);
    expect(run.stderr).toMatch(/^records: +3 in, 0 out, 3 rejected$/m);
    expect(await readFile(join(cwd, "all-hostile.out.jsonl"), "utf8")).toBe("");
  });

  test("show names the record's reason; view shows it rejected on the page", async () => {
    const input = await writeLines(cwd, "hostile-view.jsonl", ["recursion", "hello", "range"].map((word) => line(record(word))));
    const show = await runCli(["show", "--tokenizer", qwen3Dir, "--input", input, "--index", "0", "--template", "hostile.jinja"], { cwd });
    expect(show.code).toBe(2);
    expect(show.stderr).toMatch(/^training-templates show: record 0 \(line 1\) is rejected: Chat template hostile\.jinja exceeded a render limit: .*\(maxMacroDepth\)/m);
    const htmlPath = join(cwd, "hostile.html");
    const view = await runCli(["view", "--tokenizer", qwen3Dir, "--input", input, "--html", htmlPath, "--template", "hostile.jinja"], { cwd });
    expect(view.code).toBe(0);
    expect(view.stderr).toContain(`wrote ${htmlPath}: 3 conversations, 2 rejected`);
    const html = await readFile(htmlPath, "utf8");
    expect(html).toContain("Rejected: Chat template hostile.jinja exceeded a render limit: its macro calls nested more than 200 deep");
    expect(html).toContain("Rejected: Chat template hostile.jinja failed while rendering: Range too big.");
  });
});
