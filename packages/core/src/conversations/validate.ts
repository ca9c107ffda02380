import { InvalidConversationError } from "../errors.ts";

/** What is wrong with a conversation, as a short stable key (the CLI counts rejected records by it). */
export type ConversationProblem = "no-messages" | "invalid-message" | "invalid-content" | "invalid-field" | "content-blocks";

/** An `InvalidConversationError` that also says which kind of problem it is. */
export class ConversationProblemError extends InvalidConversationError {
  constructor(
    where: string,
    detail: string,
    readonly problem: ConversationProblem,
  ) {
    super(where, detail);
  }
}

/** How the data spells the fields errors name (the CLI reads ShareGPT's `conversations`/`from`/`value`). */
export interface ConversationFieldNames {
  messages?: string;
  role?: string;
  content?: string;
}

/** A conversation as it arrives, before anything is known about it. */
export interface ConversationInput {
  messages: unknown;
  tools?: unknown;
  documents?: unknown;
}

/**
 * Checks what every template relies on and none checks itself: a non-empty list of message objects with a string
 * role; content that is a string, null, or a list of content blocks (text blocks with string text); tool calls in
 * transformers' shape; `tools` and `documents` lists of objects. Anything else would reach the template and be
 * printed with Python's `str()` (a number as `42`, an object as its repr), or not at all (a missing text reads as
 * empty), and be trained on silently. Throws a `ConversationProblemError` naming the message index and field.
 */
export function validateConversation(conversation: ConversationInput, names: ConversationFieldNames = {}): void {
  const field = { messages: names.messages ?? "messages", role: names.role ?? "role", content: names.content ?? "content" };
  const { messages, tools, documents } = conversation;
  if (!Array.isArray(messages) || messages.length === 0) {
    throw new ConversationProblemError(field.messages, `expected a non-empty list of messages (got ${describeValue(messages)})`, "no-messages");
  }
  for (const [index, message] of messages.entries()) validateMessage(message, `${field.messages}[${index}]`, field);
  validateObjectList(tools, "tools");
  validateObjectList(documents, "documents");
}

function validateMessage(message: unknown, where: string, field: { role: string; content: string }): void {
  if (!isObject(message)) throw new ConversationProblemError(where, `expected a message object (got ${describeValue(message)})`, "invalid-message");
  const role = message[field.role];
  if (typeof role !== "string" || role === "") {
    throw new ConversationProblemError(`${where}.${field.role}`, `expected a role name (got ${describeValue(role)})`, "invalid-message");
  }
  validateContent(message[field.content], `${where}.${field.content}`);
  validateToolCalls(message.tool_calls, `${where}.tool_calls`);
}

function validateContent(content: unknown, where: string): void {
  if (content === undefined || content === null || typeof content === "string") return;
  if (!Array.isArray(content)) {
    throw new ConversationProblemError(where, `expected a string, a list of content blocks, or null (got ${describeValue(content)})`, "invalid-content");
  }
  for (const [index, block] of content.entries()) {
    if (!isObject(block) || typeof block.type !== "string") {
      throw new ConversationProblemError(`${where}[${index}]`, `expected a content block, an object with a string "type" (got ${describeValue(block)})`, "invalid-content");
    }
    if (block.type === "text" && typeof block.text !== "string") {
      throw new ConversationProblemError(`${where}[${index}].text`, `expected the text block's string (got ${describeValue(block.text)})`, "invalid-content");
    }
  }
}

/**
 * transformers' shape, `{"type": "function", "function": {"name", "arguments"}}`, or the flat `{"name", "arguments"}`
 * some datasets use (templates such as Qwen's read `tool_call.function` when it is there, else the call itself).
 * Arguments are an object or a JSON string; templates print either.
 */
function validateToolCalls(calls: unknown, where: string): void {
  if (calls === undefined || calls === null) return;
  if (!Array.isArray(calls)) throw new ConversationProblemError(where, `expected a list of tool calls (got ${describeValue(calls)})`, "invalid-message");
  for (const [index, call] of calls.entries()) {
    const at = `${where}[${index}]`;
    if (!isObject(call)) throw new ConversationProblemError(at, `expected a tool call object (got ${describeValue(call)})`, "invalid-message");
    const [body, bodyWhere] = call.function === undefined ? [call, at] : [call.function, `${at}.function`];
    if (!isObject(body)) throw new ConversationProblemError(bodyWhere, `expected an object with the call's "name" and "arguments" (got ${describeValue(body)})`, "invalid-message");
    if (typeof body.name !== "string" || body.name === "") {
      throw new ConversationProblemError(`${bodyWhere}.name`, `expected the called function's name (got ${describeValue(body.name)})`, "invalid-message");
    }
    const args = body.arguments;
    if (args !== undefined && typeof args !== "string" && !isObject(args)) {
      throw new ConversationProblemError(`${bodyWhere}.arguments`, `expected an object or a JSON string (got ${describeValue(args)})`, "invalid-message");
    }
  }
}

/** `tools` and `documents`: absent, null, or a list of objects (a tool's JSON schema, a document's fields). */
function validateObjectList(value: unknown, where: "tools" | "documents"): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value)) throw new ConversationProblemError(where, `expected a list of objects (got ${describeValue(value)})`, "invalid-field");
  const index = value.findIndex((entry) => !isObject(entry));
  if (index !== -1) throw new ConversationProblemError(`${where}[${index}]`, `expected an object (got ${describeValue(value[index])})`, "invalid-field");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value's kind as the data's author would call it: "a number", "an empty string", "nothing". */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length === 0 ? "an empty list" : "a list";
  if (value === "") return "an empty string";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
