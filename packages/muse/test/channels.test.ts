import { readFileSync } from "node:fs";
import {
  buildTemplateContext,
  sampleConversations,
  tryRender,
  type ChatMessage,
  type Conversation,
  type RenderOutcome,
} from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { museGlimmer, museGlimmerOriginalPatches } from "../src/index.ts";

const now = new Date(2026, 1, 3, 9, 15, 0);
const original = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath("muse__glimmer.jinja")));
const patched = applyOriginalPatches(original, museGlimmerOriginalPatches);

function render(template: string, conversation: Conversation): RenderOutcome {
  return tryRender(template, buildTemplateContext(conversation, museGlimmer.specialTokens), { now: () => now });
}

function rendered(template: string, conversation: Conversation): { text: string; spans: ReadonlyArray<readonly [number, number]> } {
  const outcome = render(template, conversation);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome;
}

/** The channel blocks the original writes for an assistant message: reasoning, then each call or the answer. */
const blockCount = (message: ChatMessage) =>
  (message.reasoning_content ? 1 : 0) + (message.tool_calls && message.tool_calls.length > 0 ? message.tool_calls.length : 1);

const count = (text: string, token: string) => text.split(token).length - 1;

describe("muse-glimmer channel blocks", () => {
  const conversations = sampleConversations({
    seed: 60_331,
    count: 150,
    features: { followUpAssistantMessages: true, assistantFields: { recipient: ["self", "user", "get_weather"], end_turn: [true, false, null] } },
  });

  it("leaves exactly the generation prompt of each assistant message untrained and trains all of its blocks", () => {
    const problems: string[] = [];
    let blocksSeen = 0;
    for (const conversation of conversations) {
      const { text, spans } = rendered(museGlimmer.template, conversation);
      const assistants = conversation.messages.flatMap((message, i) => (message.role === "assistant" ? [i] : []));
      expect(spans).toHaveLength(assistants.length);
      assistants.forEach((index, k) => {
        const before = { ...conversation, messages: conversation.messages.slice(0, index) };
        const withCue = rendered(museGlimmer.template, { ...before, add_generation_prompt: true }).text;
        const cue = withCue.slice(rendered(museGlimmer.template, { ...before, add_generation_prompt: false }).text.length);
        const [start, end] = spans[k]!;
        const span = text.slice(start, end);
        const message = conversation.messages[index]!;
        if (start !== withCue.length || !withCue.endsWith(cue) || cue === "") problems.push(`message ${index}: the span does not start right after the cue ${JSON.stringify(cue)}`);
        // The model writes the header of every block after the first one, and every block's terminator.
        const blocks = blockCount(message);
        blocksSeen += blocks;
        if (count(cue + span, cue) !== blocks) problems.push(`message ${index}: ${count(cue + span, cue)} block headers for ${blocks} blocks`);
        if (count(span, "<|eot|>") + count(span, "<|eom|>") !== blocks) problems.push(`message ${index}: not every block's terminator is trained`);
        if (!/<\|eo[tm]\|>$/.test(span)) problems.push(`message ${index}: the span does not end with its terminator`);
      });
    }
    expect(problems).toEqual([]);
    expect(blocksSeen).toBeGreaterThan(conversations.length);
  });
});

describe("muse-glimmer prefix-preservation fixes", () => {
  const weather = { type: "function" as const, function: { name: "get_weather", description: "Weather.", parameters: { type: "object", properties: {} } } };
  const search = { type: "function" as const, function: { name: "search_web", description: "Search.", parameters: { type: "object", properties: {} } } };
  const call = (name: string, id: string) => ({ type: "function" as const, id, function: { name, arguments: { query: "Paris" } } });

  /** Calls numbered per round, as some datasets do: the second round reuses the first round's id. */
  const reusedIds: Conversation = {
    tools: [weather, search],
    messages: [
      { role: "user", content: "Weather, then news?" },
      { role: "assistant", content: null, tool_calls: [call("get_weather", "call_0")] },
      { role: "tool", tool_call_id: "call_0", content: "sunny" },
      { role: "assistant", content: null, tool_calls: [call("search_web", "call_0")] },
      { role: "tool", tool_call_id: "call_0", content: "no news" },
      { role: "assistant", content: "Sunny, no news." },
    ],
  };

  /** A tool call the model follows with another assistant message, before any result. */
  const continuedCall: Conversation = {
    tools: [weather],
    messages: [
      { role: "user", content: "Weather?" },
      { role: "assistant", content: null, tool_calls: [call("get_weather", "call_1")] },
      { role: "assistant", content: "Checking.", recipient: "user" },
      { role: "tool", tool_call_id: "call_1", content: "sunny" },
      { role: "assistant", content: "Sunny." },
    ],
  };

  /**
   * Whether every assistant message's generation prompt (the messages before it, with the cue) and the conversation
   * up to it render as prefixes of the whole conversation: the text the model wrote each turn after stays.
   */
  const keepsPrefixes = (template: string, conversation: Conversation) => {
    const whole = rendered(template, conversation).text;
    return conversation.messages.every((message, i) => {
      if (message.role !== "assistant") return true;
      const prompt = rendered(template, { ...conversation, messages: conversation.messages.slice(0, i), add_generation_prompt: true }).text;
      const turn = rendered(template, { ...conversation, messages: conversation.messages.slice(0, i + 1) }).text;
      return whole.startsWith(prompt) && whole.startsWith(turn);
    });
  };

  it.each([
    ["a result whose call id a later call reuses", reusedIds],
    ["a tool call followed by another assistant message", continuedCall],
  ])("%s: the original rewrites an earlier turn, the training template does not", (_name, conversation) => {
    expect(keepsPrefixes(original, conversation)).toBe(false);
    expect(keepsPrefixes(museGlimmer.template, conversation)).toBe(true);
    expect(museGlimmer.textDiffersFromOriginal!(conversation)).toBe(true);
    expect(rendered(museGlimmer.template, conversation).text).toBe(rendered(patched, conversation).text);
  });

  it("names each result after the call before it that it answers", () => {
    const { text } = rendered(museGlimmer.template, reusedIds);
    const results = [...text.matchAll(/<\|start\|>tool (\S+)<\|message\|>/g)].map((match) => match[1]);
    expect(results).toEqual(["get_weather", "search_web"]);
  });

  it("ends a tool-call message with <|eot|> whatever follows it", () => {
    const ends = (conversation: Conversation) => {
      const { text, spans } = rendered(museGlimmer.template, conversation);
      return text.slice(spans[0]![0], spans[0]![1]).slice(-7);
    };
    expect(ends(continuedCall)).toBe("<|eot|>");
    expect(ends({ ...continuedCall, messages: continuedCall.messages.slice(0, 2) })).toBe("<|eot|>");
  });

  it("says the text differs from the original only where the original renders differently", () => {
    const conversations = sampleConversations({ seed: 60_332, count: 150, features: { followUpAssistantMessages: true } });
    const mismatched = conversations.filter((conversation) => {
      const differs = render(original, conversation);
      const training = render(museGlimmer.template, conversation);
      const same = differs.ok && training.ok && differs.text === training.text;
      return same === museGlimmer.textDiffersFromOriginal!(conversation);
    });
    expect(mismatched).toEqual([]);
    expect(conversations.some((conversation) => museGlimmer.textDiffersFromOriginal!(conversation))).toBe(true);
  });
});
