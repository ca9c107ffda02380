import { readFileSync } from "node:fs";
import {
  buildTemplateContext,
  sameOutcome,
  sampleConversations,
  tryRender,
  type ChatMessage,
  type Conversation,
  type RenderOutcome,
} from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath, renderWithPython } from "@training-templates/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { mistralV03, mistralV03OriginalPatches } from "../src/index.ts";

/*
 * The v0.3 original rejects every tool call whose id is not 9 characters long, and the kit's generator writes
 * `call_` + 9 characters (or no id), so the conformance suite only sees tool-call turns rejected. Here the same
 * kind of generated conversations get 9-character ids, so tool-call turns render and their spans are checked.
 */

const NINE = 9;

/** The conversation with every tool call id (and the matching tool_call_id) cut to 9 alphanumeric characters. */
function withNineCharacterIds(conversation: Conversation, index: number): Conversation {
  let fresh = 0;
  const pending: string[] = [];
  const messages = conversation.messages.map((message): ChatMessage => {
    if (message.tool_calls) {
      const toolCalls = message.tool_calls.map((call) => {
        const id = call.id?.slice(-NINE) ?? `c${String(index).padStart(4, "0")}${String(fresh++).padStart(4, "0")}`;
        pending.push(id);
        return { ...call, id };
      });
      return { ...message, tool_calls: toolCalls };
    }
    if (message.role === "tool") return { ...message, tool_call_id: pending.shift() ?? "" };
    return message;
  });
  return { ...conversation, messages };
}

const hasToolCalls = (conversation: Conversation) => conversation.messages.some((message) => message.tool_calls?.length);
const context = (conversation: Conversation) => buildTemplateContext(conversation, mistralV03.specialTokens);
const spanTexts = (outcome: RenderOutcome) => (outcome.ok ? outcome.spans.map(([start, end]) => outcome.text.slice(start, end)) : []);

describe("mistral-v0.3 tool-call turns (9-character ids)", () => {
  const original = readFileSync(originalTemplatePath("mistral__v0.3.jinja"), "utf8");
  const patched = applyOriginalPatches(original, mistralV03OriginalPatches);
  const conversations = sampleConversations({ seed: 0x6d697333, count: 300, features: { tools: true } })
    .filter(hasToolCalls)
    .map(withNineCharacterIds);
  const cases = conversations.map((conversation) => ({
    conversation,
    expected: tryRender(patched, context(conversation)),
    training: tryRender(mistralV03.template, context(conversation)),
  }));
  const accepted = cases.filter((c) => c.training.ok);

  it("renders most generated tool-call conversations (the ids are what the original checks)", () => {
    expect(conversations.length).toBeGreaterThanOrEqual(100);
    expect(accepted.length).toBeGreaterThanOrEqual(conversations.length / 2);
  });

  it("renders the patched original's text and rejects what it rejects", () => {
    const differing = cases.filter((c) => !sameOutcome(c.expected, c.training));
    expect(differing.map((c) => c.conversation)).toEqual([]);
  });

  describe("under Python Jinja2", () => {
    let python: Awaited<ReturnType<typeof renderWithPython>>;
    beforeAll(async () => {
      python = await renderWithPython(accepted.map((c) => ({ template: mistralV03.template, context: context(c.conversation) })));
    });

    it("gives the same text and spans", () => {
      const mismatches = accepted.filter((c, i) => {
        const result = python[i]!;
        return !c.training.ok || "error" in result || result.text !== c.training.text || JSON.stringify(result.spans) !== JSON.stringify(c.training.spans);
      });
      expect(mismatches.map((c) => c.conversation)).toEqual([]);
    });
  });

  it("trains each tool-call turn from [TOOL_CALLS] through </s>, with every call's id", () => {
    for (const { conversation, training } of accepted) {
      const assistants = conversation.messages.filter((message) => message.role === "assistant");
      const spans = spanTexts(training);
      expect(spans).toHaveLength(assistants.length);
      assistants.forEach((message, k) => {
        if (!message.tool_calls) return;
        expect(spans[k]).toMatch(/^\[TOOL_CALLS\] \[.*\]<\/s>$/s);
        for (const call of message.tool_calls) expect(spans[k]).toContain(`"id": "${call.id}"`);
      });
    }
  });

  it("keeps earlier turns' text and spans when messages are appended", () => {
    for (const { conversation, training } of accepted) {
      if (!training.ok) continue;
      conversation.messages.forEach((message, i) => {
        if (message.role !== "assistant") return;
        const prefix = tryRender(mistralV03.template, context({ ...conversation, messages: conversation.messages.slice(0, i + 1), add_generation_prompt: false }));
        if (!prefix.ok) return;
        expect(training.text.startsWith(prefix.text)).toBe(true);
        expect(training.spans.slice(0, prefix.spans.length)).toEqual(prefix.spans);
      });
    }
  });
});
