import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { registry } from "@training-templates/all";
import { applyChatTemplate, masksFromSpans, type ChatMessage, type TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, runCli } from "./helpers.ts";

type Message = ChatMessage & { train?: boolean };

const PLAIN: Message[] = [
  { role: "user", content: "Name a prime above 100." },
  { role: "assistant", content: "101." },
];
/** Two assistant turns (two trained runs), reasoning, a tab, and an emoji that the tokenizer splits into bytes. */
const TWO_TURNS: Message[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Wave at me 👋" },
  { role: "assistant", content: "👋 there", reasoning_content: "A wave back." },
  { role: "user", content: "Now a\ttab." },
  { role: "assistant", content: "Here:\tdone." },
];
/** The first reply marked `"train": false`, as prepare reads it: only the second reply trains. */
const FIRST_REPLY_UNTRAINED: Message[] = [
  { role: "user", content: "Say one." },
  { role: "assistant", content: "One.", train: false },
  { role: "user", content: "Say two." },
  { role: "assistant", content: "Two." },
];

let cwd: string;
let qwen3Dir: string;
let tokenizer: TokenizerLike;
let inputPath: string;

beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
  tokenizer = await loadTokenizer(qwen3Dir);
  inputPath = join(cwd, "chats.jsonl");
  const lines = [PLAIN, TWO_TURNS, FIRST_REPLY_UNTRAINED].map((messages) => JSON.stringify({ messages }));
  // A blank line (skipped, not a record) and a record prepare rejects.
  await writeFile(inputPath, [lines[0], "", lines[1], lines[2], JSON.stringify({ messages: 5 })].join("\n") + "\n");
});

interface Expected {
  text: string;
  ids: number[];
  offsets: Array<[number, number]>;
  masks: number[];
}

/** The library in-process: the tokens and masks `show` must display (messages marked "train": false do not train). */
async function expectedTokens(messages: Message[]): Promise<Expected> {
  const plain = messages.map(({ train: _train, ...message }) => message as ChatMessage);
  const encoding = await applyChatTemplate(tokenizer, plain, { registry, returnAssistantTokensMask: true });
  const assistantIndices = messages.flatMap((message, i) => (message.role === "assistant" ? [i] : []));
  const trainedSpans = encoding.spans.filter((_, k) => messages[assistantIndices[k]!]!.train !== false);
  return { text: encoding.text, ids: encoding.input_ids, offsets: encoding.offsets, masks: masksFromSpans(encoding.offsets, trainedSpans) };
}

/** The documented display of one token: a split character's rest as ⋯, control characters as signs. */
function shownToken({ text, offsets }: Expected, i: number): string {
  if (i > 0 && offsets[i]![0] < offsets[i - 1]![1]) return "⋯";
  return text.slice(offsets[i]![0], offsets[i]![1]).replace(/\n/g, "↵\n").replace(/\t/g, "⇥").replace(/\r/g, "␍");
}

/** The documented plain form: `|` between tokens, ⟦ ⟧ around each run of trained tokens. */
function expectedPlain(expected: Expected): string {
  const { masks } = expected;
  let out = "";
  for (let i = 0; i < masks.length; i++) {
    if (masks[i - 1] === 1 && masks[i] === 0) out += "⟧";
    if (i > 0) out += "|";
    if (masks[i] === 1 && masks[i - 1] !== 1) out += "⟦";
    out += shownToken(expected, i);
  }
  return masks.at(-1) === 1 ? `${out}⟧` : out;
}

function trainedRuns(masks: number[]): number {
  return masks.filter((bit, i) => bit === 1 && masks[i - 1] !== 1).length;
}

function header(index: number, line: number, masks: number[]): string {
  const trained = masks.filter((bit) => bit === 1).length;
  return `record ${index} (line ${line}): ${masks.length} tokens, ${trained} trained (${((100 * trained) / masks.length).toFixed(1)}%)`;
}

describe("show: plain output", () => {
  test.each([
    { index: 0, line: 1, messages: PLAIN },
    { index: 1, line: 3, messages: TWO_TURNS },
    { index: 2, line: 4, messages: FIRST_REPLY_UNTRAINED },
  ])("record $index: exactly the tokens of assistant_masks are marked", async ({ index, line, messages }) => {
    const expected = await expectedTokens(messages);
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", String(index)], { cwd });
    expect(run.stderr).toBe("using training template qwen-3 (matched by fingerprint)\n");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout).toBe(`${header(index, line, expected.masks)}\n\n${expectedPlain(expected)}\n`);
    const marked = run.stdout.match(/⟦[^⟧]*⟧/g) ?? [];
    expect(marked).toHaveLength(trainedRuns(expected.masks));
  });

  test("the runs are the replies: the untrained reply is outside ⟦ ⟧, the trained one inside, with <|im_end|>", async () => {
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "2"], { cwd });
    const marked = (run.stdout.match(/⟦[^⟧]*⟧/g) ?? []).join("");
    expect(marked).toContain("Two");
    expect(marked).toContain("<|im_end|>");
    expect(marked).not.toContain("One");
    expect(run.stdout).toContain("One");
  });

  test("a split emoji shows once, then ⋯ for the token holding its remaining bytes", async () => {
    const expected = await expectedTokens(TWO_TURNS);
    const continuations = expected.offsets.filter((range, i) => i > 0 && range[0] < expected.offsets[i - 1]![1]).length;
    expect(continuations).toBeGreaterThan(0);
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "1"], { cwd });
    expect(run.stdout.split("⋯").length - 1).toBe(continuations);
  });

  test("ShareGPT records in a JSON array read as prepare reads them: the same display as the messages form", async () => {
    const shareGpt = join(cwd, "sharegpt.json");
    const conversations = PLAIN.map(({ role, content }) => ({ from: role === "user" ? "human" : "gpt", value: content }));
    await writeFile(shareGpt, JSON.stringify([{ conversations: [{ from: "human", value: "x" }] }, { conversations }], null, 2));
    const args = ["--messages-field", "conversations", "--role-field", "from", "--content-field", "value", "--index", "1"];
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", shareGpt, ...args], { cwd });
    expect(run.code).toBe(0);
    const expected = await expectedTokens(PLAIN);
    expect(run.stdout.split("\n").slice(1).join("\n")).toBe(`\n${expectedPlain(expected)}\n`);
  });
});

describe("show: colour", () => {
  test("--color: no separators; each character coloured green exactly where its token trains", async () => {
    const expected = await expectedTokens(TWO_TURNS);
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "1", "--color"], { cwd });
    expect(run.code).toBe(0);
    const body = run.stdout.slice(run.stdout.indexOf("\n\n") + 2);
    expect(body).not.toContain("⟦");
    const shown = expected.masks.map((_, i) => shownToken(expected, i));
    expect(body.replace(/\x1b\[[0-9;]*m/g, "")).toBe(`${shown.join("")}\n`);

    const expectedFlags = shown.flatMap((piece, i) => [...piece.replace(/\n/g, "")].map(() => expected.masks[i] === 1));
    const actualFlags: boolean[] = [];
    const backgrounds = new Set<string>();
    for (const [, background, piece] of body.matchAll(/\x1b\[48;5;(\d+)m\x1b\[38;5;\d+m([^\x1b]*)\x1b\[0m/g)) {
      backgrounds.add(background!);
      // Trained tokens are on the green shades (22, 28), the others on the greys.
      for (const _char of piece!) actualFlags.push(background === "22" || background === "28");
    }
    expect(actualFlags).toEqual(expectedFlags);
    // Neighbouring tokens alternate shades, so both shades of both kinds appear.
    expect([...backgrounds].sort()).toEqual(["22", "236", "238", "28"]);
  });
});

describe("show: errors", () => {
  test("--index past the end: exit 2 with the number of records", async () => {
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "9"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`--index 9: ${inputPath} has 4 records (counting from 0)`);
  });

  test("a record prepare would reject: exit 2 with the reason and line", async () => {
    const run = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "3"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('record 3 (line 5) is rejected: no "messages" array ("messages" is a number)');
  });

  test("bad --index and missing --input are usage errors", async () => {
    const bad = await runCli(["show", "--tokenizer", qwen3Dir, "--input", inputPath, "--index", "1.5"], { cwd });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--index takes a whole number of at least 0");
    const missing = await runCli(["show", "--tokenizer", qwen3Dir], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing --input");
    expect(missing.stderr).toContain("Usage: training-templates show");
  });
});

describe("show: help", () => {
  test("--help prints the usage, exit 0; the tool's help lists show", async () => {
    const run = await runCli(["show", "--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.startsWith("Usage: training-templates show --tokenizer DIR_OR_HUB_ID")).toBe(true);
    expect(run.stdout).toContain("Exit codes:");
    expect((await runCli(["--help"], { cwd })).stdout).toMatch(/^  show +\S/m);
  });
});
