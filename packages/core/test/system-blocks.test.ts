import { describe, expect, it } from "vitest";
import { sampleConversations } from "../src/conversations/generate.ts";
import type { ContentBlock, Conversation } from "../src/types.ts";

const plain = sampleConversations({ seed: 17, count: 200 });
const withBlocks = sampleConversations({ seed: 17, count: 200, features: { systemPromptBlocks: true } });
const mixedMedia = sampleConversations({ seed: 17, count: 200, features: { media: "mixed" } });
const mixedMediaWithBlocks = sampleConversations({ seed: 17, count: 200, features: { media: "mixed", systemPromptBlocks: true } });

/** The conversation with a list-content system message joined back into its text. */
const joined = (conversation: Conversation): Conversation => {
  const [first, ...rest] = conversation.messages;
  if (first?.role !== "system" || !Array.isArray(first.content)) return conversation;
  return { ...conversation, messages: [{ ...first, content: first.content.map((block) => block.text).join("") }, ...rest] };
};

const systemLists = (conversations: Conversation[]): ContentBlock[][] =>
  conversations.flatMap((c) => (c.messages[0]?.role === "system" && Array.isArray(c.messages[0].content) ? [c.messages[0].content] : []));

describe("systemPromptBlocks", () => {
  it("turns only the system message's text into blocks, in the conversations drawn without the feature", () => {
    expect(withBlocks.map(joined)).toEqual(plain);
    expect(mixedMediaWithBlocks.map(joined)).toEqual(mixedMedia);
  });

  it("gives some system messages one text block, some two, and leaves some strings", () => {
    const lists = systemLists(withBlocks);
    expect(lists.every((blocks) => blocks.every((block) => block.type === "text" && typeof block.text === "string"))).toBe(true);
    expect(lists.some((blocks) => blocks.length === 1)).toBe(true);
    expect(lists.some((blocks) => blocks.length === 2)).toBe(true);
    expect(withBlocks.some((c) => c.messages[0]?.role === "system" && typeof c.messages[0].content === "string")).toBe(true);
  });

  it("is off by default", () => {
    expect(systemLists(plain)).toEqual([]);
  });
});
