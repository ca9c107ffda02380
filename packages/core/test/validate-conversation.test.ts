import { describe, expect, it } from "vitest";
import { applyChatTemplate, ConversationProblemError, InvalidConversationError, validateConversation } from "../src/index.ts";
import { charTokenizer as charTokenizerOf } from "./char-tokenizer.ts";

/** One token per UTF-16 code unit: enough to reach the checks, which run before tokenizing. */
const charTokenizer = charTokenizerOf();

const TEMPLATE = "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}";

const user = (content: unknown) => ({ role: "user", content });
const CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ["no messages", { messages: [] }, "no-messages", "messages: expected a non-empty list of messages (got an empty list)"],
  ["a message that is a string", { messages: ["hi"] }, "invalid-message", "messages[0]: expected a message object (got a string)"],
  ["no role", { messages: [{ content: "hi" }] }, "invalid-message", "messages[0].role: expected a role name (got nothing)"],
  ["a number as content", { messages: [user(42)] }, "invalid-content", "messages[0].content: expected a string, a list of content blocks, or null (got a number)"],
  ["an object as content", { messages: [user({ text: "hi" })] }, "invalid-content", "messages[0].content: expected a string, a list of content blocks, or null (got an object)"],
  ["a block without a type", { messages: [user([{ text: "hi" }])] }, "invalid-content", 'messages[0].content[0]: expected a content block, an object with a string "type" (got an object)'],
  ["a text block without text", { messages: [user([{ type: "text" }])] }, "invalid-content", "messages[0].content[0].text: expected the text block's string (got nothing)"],
  ["tool calls not a list", { messages: [user("hi"), { role: "assistant", tool_calls: {} }] }, "invalid-message", "messages[1].tool_calls: expected a list of tool calls (got an object)"],
  [
    "a call without a name",
    { messages: [user("hi"), { role: "assistant", tool_calls: [{ type: "function", function: { arguments: {} } }] }] },
    "invalid-message",
    "messages[1].tool_calls[0].function.name: expected the called function's name (got nothing)",
  ],
  [
    "arguments that are a number",
    { messages: [user("hi"), { role: "assistant", tool_calls: [{ name: "f", arguments: 3 }] }] },
    "invalid-message",
    "messages[1].tool_calls[0].arguments: expected an object or a JSON string (got a number)",
  ],
  ["tools not a list", { messages: [user("hi")], tools: "search" }, "invalid-field", "tools: expected a list of objects (got a string)"],
  ["a document that is a string", { messages: [user("hi")], documents: [{ text: "a" }, "b"] }, "invalid-field", "documents[1]: expected an object (got a string)"],
];

describe("validateConversation", () => {
  it.each(CASES)("%s: names the message index and field", (_, conversation, problem, message) => {
    let thrown: unknown;
    try {
      validateConversation(conversation as never);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidConversationError);
    expect(thrown).toBeInstanceOf(ConversationProblemError);
    expect((thrown as ConversationProblemError).code).toBe("INVALID_CONVERSATION");
    expect((thrown as ConversationProblemError).problem).toBe(problem);
    expect((thrown as Error).message).toBe(message);
  });

  it.each(CASES.filter(([, conversation]) => (conversation.messages as unknown[]).length > 0))(
    "%s: applyChatTemplate throws the same error",
    async (_, conversation, __, message) => {
      const { messages, ...rest } = conversation as { messages: never[]; tools?: never; documents?: never };
      await expect(applyChatTemplate(charTokenizer, messages, { chatTemplate: TEMPLATE, ...rest })).rejects.toThrow(message);
    },
  );

  it("accepts what templates take: null content, blocks, both tool call shapes, string arguments, tools and documents", () => {
    expect(() =>
      validateConversation({
        messages: [
          { role: "system", content: [{ type: "text", text: "Be brief." }] },
          { role: "user", content: [{ type: "image" }, { type: "text", text: "What is it?" }] },
          { role: "assistant", content: null, tool_calls: [{ type: "function", function: { name: "look", arguments: '{"at": "it"}' } }] },
          { role: "tool", content: "a cat" },
          { role: "assistant", tool_calls: [{ name: "look", arguments: { at: "it" } }] },
        ],
        tools: [{ type: "function", function: { name: "look" } }],
        documents: [{ title: "Cats", text: "Cats purr." }],
      }),
    ).not.toThrow();
  });

  it("names the data's own field names when given them (ShareGPT)", () => {
    expect(() => validateConversation({ messages: [{ from: "human", value: 7 }] }, { messages: "conversations", role: "from", content: "value" })).toThrow(
      "conversations[0].value: expected a string, a list of content blocks, or null (got a number)",
    );
  });
});
