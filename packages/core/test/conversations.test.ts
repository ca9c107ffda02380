import { describe, expect, it } from "vitest";
import { sampleConversations, type ConversationFeatures } from "../src/conversations/generate.ts";
import type { ChatMessage, Conversation, ToolCall } from "../src/types.ts";

const SAMPLE_SIZE = 300;

function sample(features?: ConversationFeatures, seed = 20240601): Conversation[] {
  return sampleConversations({ seed, count: SAMPLE_SIZE, ...(features ? { features } : {}) });
}

/** Every problem with a conversation's shape; empty when it is one the generator promises. */
function shapeProblems(conversation: Conversation, maxTurns = 5): string[] {
  const problems: string[] = [];
  const { messages } = conversation;
  const toolNames = new Set((conversation.tools ?? []).map((tool) => tool.function.name));
  let i = messages[0]?.role === "system" ? 1 : 0;
  let users = 0;
  if (typeof conversation.add_generation_prompt !== "boolean") problems.push("add_generation_prompt is not a boolean");
  for (const tool of conversation.tools ?? []) {
    const parameters = tool.function.parameters as { type: string; properties: object; required: string[] };
    if (tool.type !== "function" || typeof tool.function.description !== "string") problems.push("bad tool");
    if (parameters.type !== "object") problems.push("tool parameters are not an object schema");
    for (const name of parameters.required) if (!(name in parameters.properties)) problems.push(`required ${name} undeclared`);
  }
  while (i < messages.length) {
    const user = messages[i++] as ChatMessage;
    if (user.role !== "user") return [...problems, `expected a user message at ${i - 1}, got ${user.role}`];
    users++;
    if (i === messages.length) break;
    for (;;) {
      const assistant = messages[i++];
      if (assistant?.role !== "assistant") return [...problems, `expected an assistant message at ${i - 1}`];
      if (!assistant.tool_calls) break;
      if (assistant.tool_calls.length === 0) problems.push("empty tool_calls");
      for (const call of assistant.tool_calls) {
        const result = messages[i++];
        if (result?.role !== "tool") return [...problems, `expected a tool message at ${i - 1}`];
        if (typeof result.content !== "string") problems.push("tool content is not a string");
        if (result.tool_call_id !== call.id) problems.push("tool_call_id does not match the call's id");
        if (call.type !== "function" || !toolNames.has(call.function.name)) problems.push(`unlisted tool ${call.function.name}`);
        if (typeof call.function.arguments !== "object" || Array.isArray(call.function.arguments)) {
          problems.push("arguments are not a dict");
        }
      }
    }
  }
  if (messages.slice(1).some((m) => m.role === "system")) problems.push("system message after the first");
  if (users < 1 || users > maxTurns) problems.push(`${users} user messages`);
  return problems;
}

function allStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) allStrings(item, out);
  else if (value && typeof value === "object") for (const item of Object.values(value)) allStrings(item, out);
  return out;
}

function allNumbersAndKeys(value: unknown, numbers: number[] = [], keys: string[] = []) {
  if (typeof value === "number") numbers.push(value);
  else if (Array.isArray(value)) for (const item of value) allNumbersAndKeys(item, numbers, keys);
  else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      keys.push(key);
      allNumbersAndKeys(item, numbers, keys);
    }
  }
  return { numbers, keys };
}

const toolCalls = (conversations: Conversation[]): ToolCall[] =>
  conversations.flatMap((c) => c.messages.flatMap((m) => m.tool_calls ?? []));
const assistantMessages = (conversations: Conversation[]) =>
  conversations.flatMap((c) => c.messages.filter((m) => m.role === "assistant"));
const contents = (conversations: Conversation[], role: string) =>
  conversations.flatMap((c) => c.messages.filter((m) => m.role === role).map((m) => m.content));

describe("sampleConversations", () => {
  it("gives the same conversations for the same seed and different ones for another seed", () => {
    const first = sampleConversations({ seed: 7, count: 40 });
    expect(sampleConversations({ seed: 7, count: 40 })).toEqual(first);
    expect(first).toHaveLength(40);
    expect(sampleConversations({ seed: 8, count: 40 })).not.toEqual(first);
  });

  it("only makes well-formed conversations", () => {
    for (const conversation of sample()) expect(shapeProblems(conversation)).toEqual([]);
  });

  it("makes every kind of conversation the kit relies on", () => {
    const conversations = sample();
    const endings = new Set(
      conversations.map((c) => `${c.messages.at(-1)?.role}:${String(c.add_generation_prompt)}`),
    );
    expect([...endings].sort()).toEqual(["assistant:false", "assistant:true", "user:false", "user:true"]);
    const userCounts = new Set(conversations.map((c) => c.messages.filter((m) => m.role === "user").length));
    expect([...userCounts].sort()).toEqual([1, 2, 3, 4, 5]);
    expect(conversations.some((c) => c.messages[0]?.role === "system")).toBe(true);
    expect(conversations.some((c) => c.messages[0]?.role !== "system")).toBe(true);
    expect(conversations.some((c) => c.tools)).toBe(true);
    expect(conversations.some((c) => !c.tools)).toBe(true);

    const calls = conversations.flatMap((c) => c.messages.filter((m) => m.tool_calls));
    expect(calls.some((m) => m.tool_calls?.length === 1)).toBe(true);
    expect(calls.some((m) => (m.tool_calls?.length ?? 0) > 1)).toBe(true);
    expect(new Set(calls.map((m) => (m.content === null ? "null" : m.content === "" ? "empty" : "text")))).toEqual(
      new Set(["null", "empty", "text"]),
    );
    const toolMessages = conversations.flatMap((c) => c.messages.filter((m) => m.role === "tool"));
    expect(toolMessages.some((m) => m.tool_call_id !== undefined)).toBe(true);
    expect(toolMessages.some((m) => m.tool_call_id === undefined)).toBe(true);

    const assistants = assistantMessages(conversations);
    expect(assistants.some((m) => typeof m.reasoning_content === "string")).toBe(true);
    expect(assistants.some((m) => typeof m.content === "string" && m.content.startsWith("<think>"))).toBe(true);
    expect(assistants.some((m) => m.reasoning_content === undefined && !String(m.content).startsWith("<think>"))).toBe(true);
  });

  it("fills text fields with the texts templates and tokenizers get wrong", () => {
    const texts = allStrings(sample());
    const found = (pattern: RegExp | string) =>
      texts.some((t) => (typeof pattern === "string" ? t.includes(pattern) : pattern.test(t)));
    expect(found(/^$/)).toBe(true);
    expect(texts.some((t) => t.length >= 1900)).toBe(true);
    expect(found(/^\s+\S/)).toBe(true);
    expect(found(/\S\s+$/)).toBe(true);
    expect(found("\n")).toBe(true);
    expect(found("\u200D")).toBe(true); // ZWJ sequences
    expect(found(/[\u{1F1E6}-\u{1F1FF}]{2}/u)).toBe(true); // flags
    expect(found(/[\u{1F3FB}-\u{1F3FF}]/u)).toBe(true); // skin tones
    expect(found(/\p{Script=Han}/u)).toBe(true);
    expect(found(/\p{Script=Hangul}/u)).toBe(true);
    expect(texts.some((t) => /\p{M}/u.test(t) && t.normalize("NFC") !== t)).toBe(true);
    expect(found(/\p{Script=Arabic}/u)).toBe(true);
    expect(found(/\p{Script=Hebrew}/u)).toBe(true);
    for (const token of ["<|im_end|>", "<|eot_id|>", "<end_of_turn>", "</s>", "[INST]", "</think>"]) {
      expect(found(token), token).toBe(true);
    }
    for (const jinja of ["{{ x }}", "{% if %}", "{% generation %}"]) expect(found(jinja), jinja).toBe(true);
    // No lone surrogates: Python could not encode them and they are no text a model sees.
    expect(texts.filter((t) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(t))).toEqual([]);
  });

  it("uses unusual text in every kind of field, not just one", () => {
    const conversations = sample();
    const unusual = (values: unknown[]) => values.some((v) => typeof v === "string" && /[^\x20-\x7e]/.test(v));
    const empty = (values: unknown[]) => values.includes("");
    for (const role of ["system", "user", "assistant", "tool"]) {
      expect(unusual(contents(conversations, role)), role).toBe(true);
      expect(empty(contents(conversations, role)), role).toBe(true);
    }
    expect(unusual(assistantMessages(conversations).map((m) => m.reasoning_content))).toBe(true);
    const descriptions = conversations.flatMap((c) => (c.tools ?? []).map((t) => t.function.description));
    expect(unusual(descriptions)).toBe(true);
    expect(unusual(allStrings(toolCalls(conversations).map((call) => call.function.arguments)))).toBe(true);
  });

  it("makes tool arguments of every JSON kind but none that JSON in JS cannot carry like Python does", () => {
    const args = toolCalls(sample()).map((call) => call.function.arguments as Record<string, unknown>);
    const values = args.flatMap((a) => Object.values(a));
    expect(values.some((v) => typeof v === "boolean")).toBe(true);
    expect(values.some((v) => v === null)).toBe(true);
    expect(values.some((v) => Number.isInteger(v))).toBe(true);
    expect(values.some((v) => typeof v === "string")).toBe(true);
    expect(values.some((v) => Array.isArray(v) && v.some((item) => item && typeof item === "object"))).toBe(true);
    const isDict = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
    expect(values.some((v) => isDict(v) && Object.values(v).some((inner) => inner && typeof inner === "object"))).toBe(true);
    expect(args.some((a) => Object.keys(a).length === 0)).toBe(true);

    const { numbers, keys } = allNumbersAndKeys(args);
    expect(numbers.some((n) => !Number.isInteger(n))).toBe(true);
    expect(keys.filter((key) => /^-?\d+$/.test(key))).toEqual([]);
    // Floats that Python and JS print alike: no exponent form, never beyond the safe integers.
    expect(numbers.filter((n) => /e/i.test(String(n)) || !Number.isSafeInteger(Math.trunc(n)))).toEqual([]);
  });

  it("calls only listed tools and answers every call with a tool message", () => {
    for (const conversation of sample()) {
      const names = new Set((conversation.tools ?? []).map((t) => t.function.name));
      for (const call of toolCalls([conversation])) expect(names.has(call.function.name)).toBe(true);
      const callCount = toolCalls([conversation]).length;
      expect(conversation.messages.filter((m) => m.role === "tool")).toHaveLength(callCount);
    }
  });
});

describe("sampleConversations with features turned off", () => {
  it("lists no tools and calls none without tools", () => {
    const conversations = sample({ tools: false });
    expect(conversations.filter((c) => c.tools !== undefined)).toEqual([]);
    expect(conversations.flatMap((c) => c.messages.filter((m) => m.tool_calls || m.role === "tool"))).toEqual([]);
  });

  it("makes one call per tool-calling message with toolCallsPerTurn 'one'", () => {
    const conversations = sample({ toolCallsPerTurn: "one" });
    const lengths = conversations.flatMap((c) => c.messages.flatMap((m) => (m.tool_calls ? [m.tool_calls.length] : [])));
    expect(lengths.length).toBeGreaterThan(0);
    expect(new Set(lengths)).toEqual(new Set([1]));
    for (const conversation of conversations) expect(shapeProblems(conversation)).toEqual([]);
  });

  it("carries no reasoning without reasoning", () => {
    const assistants = assistantMessages(sample({ reasoning: false }));
    expect(assistants.filter((m) => "reasoning_content" in m)).toEqual([]);
    expect(assistants.filter((m) => String(m.content).includes("<think>"))).toEqual([]);
  });

  it("has no system message without systemPrompt and no generation prompt without generationPrompt", () => {
    const conversations = sample({ systemPrompt: false, generationPrompt: false });
    expect(conversations.filter((c) => c.messages.some((m) => m.role === "system"))).toEqual([]);
    expect(conversations.filter((c) => c.add_generation_prompt !== false)).toEqual([]);
    expect(new Set(conversations.map((c) => c.messages.at(-1)?.role))).toEqual(new Set(["user", "assistant"]));
  });

  it("gives no documents unless asked for", () => {
    expect(sample().filter((c) => "documents" in c)).toEqual([]);
    expect(sample({ tools: false }).filter((c) => "documents" in c)).toEqual([]);
  });

  it("keeps to maxTurns user messages", () => {
    const conversations = sample({ maxTurns: 2 });
    const userCounts = new Set(conversations.map((c) => c.messages.filter((m) => m.role === "user").length));
    expect([...userCounts].sort()).toEqual([1, 2]);
    for (const conversation of conversations) expect(shapeProblems(conversation, 2)).toEqual([]);
    expect(() => sampleConversations({ seed: 1, count: 1, features: { maxTurns: 0 } })).toThrow(RangeError);
  });
});

describe("sampleConversations with tools always listed and described", () => {
  const parameterDescriptions = (conversations: Conversation[]) =>
    conversations.flatMap((c) =>
      (c.tools ?? []).flatMap((tool) =>
        Object.values((tool.function.parameters as { properties: Record<string, { description?: unknown }> }).properties).map(
          (schema) => schema.description,
        ),
      ),
    );

  it("lists tools in every conversation with tools 'always'", () => {
    const conversations = sample({ tools: "always" });
    expect(conversations.filter((c) => !c.tools || c.tools.length === 0)).toEqual([]);
    expect(toolCalls(conversations).length).toBeGreaterThan(0);
    for (const conversation of conversations) expect(shapeProblems(conversation)).toEqual([]);
  });

  it("describes every tool parameter with toolParameterDescriptions 'always', and most of them by default", () => {
    const byDefault = parameterDescriptions(sample());
    expect(byDefault.some((description) => description === undefined)).toBe(true);
    expect(byDefault.filter((description) => typeof description === "string").length).toBeGreaterThan(byDefault.length / 2);
    const always = parameterDescriptions(sample({ tools: "always", toolParameterDescriptions: "always" }));
    expect(always.length).toBeGreaterThan(0);
    expect(always.filter((description) => typeof description !== "string")).toEqual([]);
  });
});

describe("sampleConversations with documents", () => {
  const withDocuments = sample({ documents: true });

  it("adds documents to the conversations drawn without them, changing nothing else", () => {
    const without = sample();
    expect(withDocuments.map(({ documents: _documents, ...rest }) => rest)).toEqual(without);
    expect(sample({ tools: false, documents: true }).map(({ documents: _documents, ...rest }) => rest)).toEqual(sample({ tools: false }));
  });

  it("gives some conversations documents, some an empty list and some none", () => {
    const lists = withDocuments.map((c) => c.documents);
    expect(lists.some((documents) => documents === undefined)).toBe(true);
    expect(lists.some((documents) => documents?.length === 0)).toBe(true);
    expect(new Set(lists.flatMap((documents) => (documents && documents.length > 0 ? [documents.length] : [])))).toEqual(new Set([1, 2, 3]));
    for (const conversation of withDocuments) expect(shapeProblems(conversation)).toEqual([]);
  });

  it("makes every document a dict of strings with a text, in a few key layouts", () => {
    const documents = withDocuments.flatMap((c) => c.documents ?? []);
    for (const document of documents) {
      expect(typeof document.text).toBe("string");
      expect(Object.values(document).every((value) => typeof value === "string")).toBe(true);
    }
    const layouts = new Set(documents.map((document) => Object.keys(document).join(",")));
    expect(layouts).toEqual(new Set(["title,text", "title,text,url", "text"]));
    const texts = allStrings(documents);
    expect(texts.some((t) => /[^\x20-\x7e]/.test(t))).toBe(true);
    expect(texts.includes("")).toBe(true);
  });
});

describe("media (vision-language conversations)", () => {
  const plain = sampleConversations({ seed: 11, count: 120 });
  const mixed = sampleConversations({ seed: 11, count: 120, features: { media: "mixed" } });
  const lists = sampleConversations({ seed: 11, count: 120, features: { media: "lists" } });
  const blocks = (conversations: typeof plain) =>
    conversations.flatMap((c) => c.messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])));

  it("adds media to the same conversations: the text stays, in order", () => {
    for (const [i, conversation] of mixed.entries()) {
      expect(conversation.messages.map((m) => m.role)).toEqual(plain[i]!.messages.map((m) => m.role));
      conversation.messages.forEach((message, j) => {
        const original = plain[i]!.messages[j]!.content;
        if (Array.isArray(message.content)) expect(message.content.filter((b) => b.type === "text").map((b) => b.text).join("")).toBe(original);
        else expect(message.content).toEqual(original);
      });
    }
  });

  it("mixed: images and videos in some user turns, plain strings elsewhere", () => {
    const types = new Set(blocks(mixed).map((b) => b.type));
    expect(types).toEqual(new Set(["text", "image", "video"]));
    expect(mixed.some((c) => c.messages.some((m) => m.role === "user" && typeof m.content === "string"))).toBe(true);
    expect(mixed.every((c) => c.messages.every((m) => m.role === "user" || !Array.isArray(m.content)))).toBe(true);
  });

  it("lists: every string content becomes a list of blocks", () => {
    expect(lists.every((c) => c.messages.every((m) => typeof m.content !== "string"))).toBe(true);
    expect(blocks(lists).some((b) => b.type === "image")).toBe(true);
  });
});
