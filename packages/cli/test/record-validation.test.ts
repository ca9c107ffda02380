import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, test } from "vitest";
import { parseJsonl, qwen3Workspace, runCli } from "./helpers.ts";
import { line, readRows, writeLines, type RejectEntry } from "./prepare-helpers.ts";

const GOOD = { messages: [{ role: "user", content: "Say hi." }, { role: "assistant", content: "Hi!" }] };
const user = (content: unknown) => ({ role: "user", content });
const reply = { role: "assistant", content: "Yes." };

/** One bad record per problem the library's check finds, between two good ones: [record, kind, reason]. */
const BAD: Array<[unknown, string, string]> = [
  [{ messages: [user(42), reply] }, "invalid-content", "messages[0].content: expected a string, a list of content blocks, or null (got a number)"],
  [{ messages: ["hello", reply] }, "invalid-message", "messages[0]: expected a message object (got a string)"],
  [{ messages: [{ content: "who am I?" }, reply] }, "invalid-message", "messages[0].role: expected a role name (got nothing)"],
  [{ messages: [user([{ type: "text", txt: "typo" }]), reply] }, "invalid-content", "messages[0].content[0].text: expected the text block's string (got nothing)"],
  [
    { messages: [user("Time?"), { role: "assistant", tool_calls: [{ type: "function", function: { arguments: {} } }] }] },
    "invalid-message",
    "messages[1].tool_calls[0].function.name: expected the called function's name (got nothing)",
  ],
  [{ messages: [user("Hi"), reply], tools: "get_time" }, "invalid-field", "tools: expected a list of objects (got a string)"],
  [{ messages: [user("Hi"), reply], documents: ["The sky is blue."] }, "invalid-field", "documents[0]: expected an object (got a string)"],
  [{ messages: [] }, "no-messages", "messages: expected a non-empty list of messages (got an empty list)"],
];
const FILE = [line(GOOD), ...BAD.map(([record]) => line(record)), line(GOOD)];
/** Line numbers of the bad records (the first line is good). */
const BAD_LINES = BAD.map((_, index) => index + 2);

let cwd: string, qwen3Dir: string, input: string;
beforeAll(async () => {
  ({ cwd, qwen3Dir } = await qwen3Workspace());
  input = await writeLines(cwd, "bad.jsonl", FILE);
});

async function rejectsOf(command: "prepare" | "mask"): Promise<RejectEntry[]> {
  const output = `${command}.out.jsonl`;
  const run = await runCli([command, "--tokenizer", qwen3Dir, "--input", input, "--output", output, "--rejects", `${command}.rejects.jsonl`], { cwd });
  expect(run.code).toBe(1);
  expect(await readRows(join(cwd, output))).toHaveLength(2);
  for (const [index, number] of BAD_LINES.entries()) expect(run.stderr).toContain(`line ${number}: ${BAD[index]![2]}\n`);
  return parseJsonl(await readFile(join(cwd, `${command}.rejects.jsonl`), "utf8")) as RejectEntry[];
}

describe("one validation of records for every command", () => {
  const expectedEntries = BAD.map(([, kind, reason], index) => ({ line: BAD_LINES[index], kind, reason, input: FILE[BAD_LINES[index]! - 1] }));

  test("prepare and mask reject the same records with the same kind, reason and --rejects entry", async () => {
    expect(await rejectsOf("prepare")).toEqual(expectedEntries);
    // mask used to hand these to the template: a number as content rendered as an empty user turn.
    expect(await rejectsOf("mask")).toEqual(expectedEntries);
  });

  test("show names the same reason for each", async () => {
    for (const [index, number] of BAD_LINES.entries()) {
      const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", input, "--index", String(number - 1), "--no-color"], { cwd });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`record ${number - 1} (line ${number}) is rejected: ${BAD[index]![2]}\n`);
    }
  });

  test("view lists the same reasons", async () => {
    const run = await runCli(["view", "--tokenizer", qwen3Dir, "--input", input, "--html", "-"], { cwd });
    expect(run.code).toBe(0);
    const reasons = [...run.stdout.matchAll(/<p class="reason">Rejected: (.*?)<\/p>/g)].map((match) => unescapeHtml(match[1]!));
    expect(reasons).toEqual(BAD.map(([, , reason]) => reason));
  });
});

function unescapeHtml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
