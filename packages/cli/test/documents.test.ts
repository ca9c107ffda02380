import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { registry } from "@training-templates/all";
import { applyChatTemplate, sampleConversations, type ChatMessage, type Conversation, type TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { beforeAll, describe, expect, test } from "vitest";
import { startFakeHub } from "./fake-hub.ts";
import { makeTempDir, makeTokenizerDir, parseJsonl, readOriginal, runCli } from "./helpers.ts";
import { conversationColumn, writeParquet } from "./parquet-helpers.ts";
import { line, readRows, reportedLines, writeLines, type PreparedRow, type RejectEntry } from "./prepare-helpers.ts";

// RAG records as transformers' `apply_chat_template(messages, documents=documents)` takes them.
const DOCUMENTS = [
  { title: "Tall structures", text: "The Eiffel Tower is 330 metres tall." },
  { title: "Paris facts", text: "Paris has about two million inhabitants." },
];
const MESSAGES: ChatMessage[] = [
  { role: "user", content: "How tall is the Eiffel Tower?" },
  { role: "assistant", content: "It is 330 metres tall." },
];
const WITH_DOCUMENTS = { messages: MESSAGES, documents: DOCUMENTS };
const WITHOUT_DOCUMENTS = { messages: MESSAGES };
const WITH_SOURCES = { messages: MESSAGES, sources: DOCUMENTS };

let cwd: string;
/** Command R7B (cohere2): its default template writes a grounding section when documents are given. */
let r7bDir: string;
/** Command R v01's RAG template: it requires documents. */
let ragDir: string;
let r7bTokenizer: TokenizerLike, ragTokenizer: TokenizerLike;

beforeAll(async () => {
  cwd = await makeTempDir();
  r7bDir = await makeTokenizerDir({ configTemplate: await readOriginal("cohere2__command-r7b-12-2024.jinja") });
  ragDir = await makeTokenizerDir({ configTemplate: await readOriginal("cohere__command-r-v01-rag.jinja") });
  [r7bTokenizer, ragTokenizer] = await Promise.all([loadTokenizer(r7bDir), loadTokenizer(ragDir)]);
});

/** The library's row for the record, documents passed as transformers passes them. */
async function libraryRow(tokenizer: TokenizerLike, documents?: typeof DOCUMENTS) {
  const encoding = await applyChatTemplate(tokenizer, MESSAGES, { registry, returnAssistantTokensMask: true, ...(documents ? { documents } : {}) });
  return { input_ids: encoding.input_ids, assistant_masks: encoding.assistant_masks!, text: encoding.text };
}

const sum = (bits: readonly number[]) => bits.reduce((total, bit) => total + bit, 0);

describe("documents reach the template in every command", () => {
  test("prepare: Command R7B writes the grounding section, as the library does with documents", async () => {
    const input = await writeLines(cwd, "r7b.jsonl", [line(WITH_DOCUMENTS), line(WITHOUT_DOCUMENTS)]);
    const run = await runCli(["prepare", "--tokenizer", r7bDir, "--input", input, "--output", "r7b.out.jsonl", "--include-text"], { cwd });
    expect(run.code).toBe(0);
    const [withDocuments, without] = await readRows<PreparedRow>(join(cwd, "r7b.out.jsonl"));
    const expected = await libraryRow(r7bTokenizer, DOCUMENTS);
    expect(expected.text).toContain("The Eiffel Tower is 330 metres tall.");
    expect(withDocuments!.text).toBe(expected.text);
    expect(withDocuments!.input_ids).toEqual(expected.input_ids);
    expect(withDocuments!.assistant_masks).toEqual(expected.assistant_masks);
    // Without documents there is no grounding section: the record's documents made the difference.
    expect(without!.text).not.toContain("Eiffel Tower is 330");
    expect(without!.text).toBe((await libraryRow(r7bTokenizer)).text);
  });

  test("--documents-field names another field; a documents value that is not a list of objects is rejected", async () => {
    const bad = { messages: MESSAGES, sources: "The Eiffel Tower is 330 metres tall." };
    const input = await writeLines(cwd, "sources.jsonl", [line(WITH_SOURCES), line(bad)]);
    const run = await runCli(
      ["prepare", "--tokenizer", r7bDir, "--input", input, "--output", "sources.out.jsonl", "--include-text", "--documents-field", "sources", "--rejects", "sources.rejects.jsonl"],
      { cwd },
    );
    expect(run.code).toBe(1);
    const [row] = await readRows<PreparedRow>(join(cwd, "sources.out.jsonl"));
    expect(row!.text).toBe((await libraryRow(r7bTokenizer, DOCUMENTS)).text);
    const [entry] = parseJsonl(await readFile(join(cwd, "sources.rejects.jsonl"), "utf8")) as RejectEntry[];
    expect(entry).toMatchObject({ line: 2, kind: "invalid-field", reason: "sources: expected a list of objects (got a string)" });
  });

  test("mask, show and view render the documents too", async () => {
    const input = await writeLines(cwd, "r7b-one.jsonl", [line(WITH_DOCUMENTS)]);
    const expected = await libraryRow(r7bTokenizer, DOCUMENTS);

    const mask = await runCli(["mask", "--tokenizer", r7bDir, "--input", input, "--output", "r7b-one.mask.jsonl", "--include-text"], { cwd });
    expect(mask.code).toBe(0);
    const [masked] = await readRows<PreparedRow>(join(cwd, "r7b-one.mask.jsonl"));
    expect(masked).toMatchObject({ input_ids: expected.input_ids, assistant_masks: expected.assistant_masks, text: expected.text });

    const show = await runCli(["show", "--tokenizer", r7bDir, "--input", input, "--no-color"], { cwd });
    expect(show.code).toBe(0);
    expect(show.stdout).toContain(`record 0 (line 1): ${expected.input_ids.length} tokens, ${sum(expected.assistant_masks)} trained`);

    const view = await runCli(["view", "--tokenizer", r7bDir, "--input", input, "--html", "-"], { cwd });
    expect(view.code).toBe(0);
    expect(view.stdout).toContain(`1 conversation: ${sum(expected.assistant_masks)} of ${expected.input_ids.length} tokens trained`);
  });

  test("Parquet input: a documents column (list of structs, as datasets stores it) is read", async () => {
    const file = await writeParquet(join(cwd, "rag.parquet"), {
      messages: conversationColumn("messages", ["role", "content"], [MESSAGES]),
      documents: conversationColumn("documents", ["title", "text"], [DOCUMENTS]),
    });
    const run = await runCli(["prepare", "--tokenizer", r7bDir, "--input", file, "--output", "parquet-rag.out.jsonl", "--include-text"], { cwd });
    expect(run.code).toBe(0);
    const [row] = await readRows<PreparedRow>(join(cwd, "parquet-rag.out.jsonl"));
    expect(row!.text).toBe((await libraryRow(r7bTokenizer, DOCUMENTS)).text);
  });

  test("a Hub dataset (hf://datasets/…): its documents column is read too", async () => {
    const repoDir = join(cwd, "hub-root", "datasets", "FakeOrg", "rag");
    await mkdir(join(repoDir, "data"), { recursive: true });
    await writeParquet(join(repoDir, "data", "train-00000-of-00001.parquet"), {
      messages: conversationColumn("messages", ["role", "content"], [MESSAGES]),
      documents: conversationColumn("documents", ["title", "text"], [DOCUMENTS]),
    });
    const hub = await startFakeHub(join(cwd, "hub-root"));
    try {
      const run = await runCli(
        ["prepare", "--tokenizer", r7bDir, "--input", "hf://datasets/FakeOrg/rag/data", "--cache-dir", join(cwd, "hub-cache"), "--output", "hub-rag.out.jsonl", "--include-text"],
        { cwd, env: { HF_ENDPOINT: hub.url } },
      );
      expect(run.code).toBe(0);
    } finally {
      await hub.close();
    }
    const [row] = await readRows<PreparedRow>(join(cwd, "hub-rag.out.jsonl"));
    expect(row!.text).toBe((await libraryRow(r7bTokenizer, DOCUMENTS)).text);
  });

  test("Command R v01's RAG template renders records with documents and rejects those without", async () => {
    const input = await writeLines(cwd, "rag.jsonl", [line(WITH_DOCUMENTS), line(WITHOUT_DOCUMENTS)]);
    const run = await runCli(["prepare", "--tokenizer", ragDir, "--input", input, "--output", "rag.out.jsonl", "--include-text"], { cwd });
    expect(run.stderr).toContain("cohere-command-r-v01-rag");
    expect(run.code).toBe(1);
    const rows = await readRows<PreparedRow>(join(cwd, "rag.out.jsonl"));
    expect(rows).toHaveLength(1);
    const expected = await libraryRow(ragTokenizer, DOCUMENTS);
    expect(expected.text).toContain("Document: 0\ntitle: Tall structures\ntext: The Eiffel Tower is 330 metres tall.");
    expect(rows[0]!.text).toBe(expected.text);
    expect(rows[0]!.assistant_masks).toEqual(expected.assistant_masks);
    expect(reportedLines(run.stderr)).toEqual([expect.stringMatching(/^line 2: Chat template .*cohere-command-r-v01-rag.* failed while rendering: /)]);
  });
});

describe("generated RAG conversations (the kit's documents feature) through the built CLI", () => {
  // Documents on most conversations, with the other shapes the generator draws (system prompts, reasoning, …).
  const CONVERSATIONS: Conversation[] = sampleConversations({ seed: 19, count: 40, features: { tools: false, documents: true } });

  test.each([
    ["Command R7B", () => [r7bDir, r7bTokenizer] as const],
    ["Command R v01 RAG", () => [ragDir, ragTokenizer] as const],
  ])("%s: every record comes out as the library renders it with its documents, or is rejected where the library throws", async (name, dirAndTokenizer) => {
    const [dir, tokenizer] = dirAndTokenizer();
    const file = `generated-${name.replace(/\W+/g, "-")}`;
    const input = await writeLines(cwd, `${file}.jsonl`, CONVERSATIONS.map((conversation) => line(conversation)));
    const run = await runCli(["prepare", "--tokenizer", dir, "--input", input, "--output", `${file}.out.jsonl`, "--rejects", `${file}.rejects.jsonl`], { cwd });
    expect(run.code === 0 || run.code === 1).toBe(true);
    const rows = await readRows<PreparedRow>(join(cwd, `${file}.out.jsonl`));
    const rejected = new Set((parseJsonl(await readFile(join(cwd, `${file}.rejects.jsonl`), "utf8")) as RejectEntry[]).map((entry) => entry.line));
    let next = 0;
    let withDocuments = 0;
    for (const [index, conversation] of CONVERSATIONS.entries()) {
      let expected: Awaited<ReturnType<typeof applyChatTemplate>> | undefined;
      try {
        expected = await applyChatTemplate(tokenizer, conversation.messages, {
          registry,
          returnAssistantTokensMask: true,
          contentBlocks: "reject",
          addGenerationPrompt: conversation.add_generation_prompt ?? false,
          ...(conversation.documents ? { documents: conversation.documents } : {}),
        });
      } catch {
        expected = undefined;
      }
      expect(rejected.has(index + 1), `record ${index}: rejected by the CLI exactly when the library throws`).toBe(expected === undefined);
      if (!expected) continue;
      const row = rows[next++]!;
      expect(row.input_ids, `record ${index}`).toEqual(expected.input_ids);
      expect(row.assistant_masks, `record ${index}`).toEqual(expected.assistant_masks);
      if ((conversation.documents?.length ?? 0) > 0) withDocuments++;
    }
    expect(next).toBe(rows.length);
    // The corpus proves something only if documents were rendered on many records.
    expect(withDocuments).toBeGreaterThan(10);
  });
});
