import { describe, expect, it } from "vitest";
import { sampleConversations } from "../src/conversations/generate.ts";
import type { ChatMessage, Conversation } from "../src/types.ts";

const plain = sampleConversations({ seed: 13, count: 150 });
const followUps = sampleConversations({ seed: 13, count: 150, features: { followUpAssistantMessages: true } });
const FIELDS: Record<string, readonly unknown[]> = { recipient: ["self", "user"], end_turn: [true, false, null] };
const withFields = sampleConversations({ seed: 13, count: 150, features: { assistantFields: FIELDS } });

/** The messages, minus assistant messages that directly follow an assistant message. */
const withoutFollowUps = (conversation: Conversation): ChatMessage[] =>
  conversation.messages.filter((message, i) => !(message.role === "assistant" && conversation.messages[i - 1]?.role === "assistant"));

describe("followUpAssistantMessages", () => {
  it("adds plain assistant messages after assistant messages of the conversations drawn without them", () => {
    expect(followUps.map((c) => ({ ...c, messages: withoutFollowUps(c) }))).toEqual(plain);
  });

  it("follows replies and tool calls alike, in some conversations only", () => {
    const previous = followUps.flatMap((c) => c.messages.filter((m, i) => m.role === "assistant" && c.messages[i + 1]?.role === "assistant"));
    expect(previous.some((m) => m.tool_calls)).toBe(true);
    expect(previous.some((m) => !m.tool_calls)).toBe(true);
    const added = followUps.flatMap((c) => c.messages.filter((m, i) => m.role === "assistant" && c.messages[i - 1]?.role === "assistant"));
    expect(added.every((m) => Object.keys(m).join(",") === "role,content" && typeof m.content === "string")).toBe(true);
    expect(followUps.filter((c, i) => c.messages.length === plain[i]!.messages.length).length).toBeGreaterThan(followUps.length / 4);
  });
});

describe("assistantFields", () => {
  it("adds only the listed fields, only to assistant messages of the conversations drawn without them", () => {
    const stripped = withFields.map((c) => ({
      ...c,
      messages: c.messages.map(({ recipient: _recipient, end_turn: _endTurn, ...rest }) => rest),
    }));
    expect(stripped).toEqual(plain);
    expect(withFields.flatMap((c) => c.messages.filter((m) => m.role !== "assistant" && ("recipient" in m || "end_turn" in m)))).toEqual([]);
  });

  it("draws every listed value, and leaves some assistant messages without the field", () => {
    const assistants = withFields.flatMap((c) => c.messages.filter((m) => m.role === "assistant"));
    for (const [name, values] of Object.entries(FIELDS)) {
      expect(new Set(assistants.filter((m) => name in m).map((m) => m[name]))).toEqual(new Set(values));
      expect(assistants.some((m) => !(name in m))).toBe(true);
    }
  });

  it("rejects a field with no values", () => {
    expect(() => sampleConversations({ seed: 1, count: 1, features: { assistantFields: { recipient: [] } } })).toThrow(RangeError);
  });
});
