import type { ChatMessage, ToolDefinition } from "@training-templates/core";
import { PlainProblem } from "./plain-error.ts";

/** The conversation editor's content, in the shape the CLI's `mask` reads a line (or just a list of messages). */
export interface ConversationInput {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  documents?: Record<string, unknown>[];
  templateKwargs?: Record<string, unknown>;
  addGenerationPrompt?: boolean;
}

const KNOWN_KEYS = new Set(["messages", "tools", "documents", "chat_template_kwargs", "add_generation_prompt"]);

/**
 * Reads `{ "messages": […], "tools"?, "documents"?, "chat_template_kwargs"?, "add_generation_prompt"? }` or a bare
 * list of messages. The messages themselves are checked by the library (`validateConversation`), whose reasons name
 * the message and field; this only says what the editor's JSON is not.
 */
export function parseConversation(source: string): ConversationInput {
  let value: unknown;
  try {
    value = JSON.parse(source);
  } catch (error) {
    throw new PlainProblem("The conversation is not valid JSON", `${(error as Error).message}. Write an object with "messages", or a list of messages.`);
  }
  if (Array.isArray(value)) return { messages: value as ChatMessage[] };
  if (value === null || typeof value !== "object") {
    throw new PlainProblem("The conversation is not an object", `expected {"messages": [...]} or a list of messages, got ${value === null ? "null" : typeof value}.`);
  }
  const record = value as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) {
    throw new PlainProblem("The conversation has keys the playground does not read", `${unknown.map((key) => JSON.stringify(key)).join(", ")}: use ${[...KNOWN_KEYS].join(", ")}.`);
  }
  if (!Array.isArray(record.messages)) throw new PlainProblem("The conversation has no messages", 'expected "messages" to be a list of {"role", "content"} objects.');
  const kwargs = record.chat_template_kwargs;
  if (kwargs !== undefined && (kwargs === null || typeof kwargs !== "object" || Array.isArray(kwargs))) {
    throw new PlainProblem("The template kwargs are not an object", '"chat_template_kwargs" must be an object such as {"enable_thinking": false}.');
  }
  if (record.add_generation_prompt !== undefined && typeof record.add_generation_prompt !== "boolean") {
    throw new PlainProblem("add_generation_prompt is not a boolean", '"add_generation_prompt" must be true or false.');
  }
  return {
    messages: record.messages as ChatMessage[],
    ...(record.tools !== undefined ? { tools: record.tools as ToolDefinition[] } : {}),
    ...(record.documents !== undefined ? { documents: record.documents as Record<string, unknown>[] } : {}),
    ...(kwargs !== undefined ? { templateKwargs: kwargs as Record<string, unknown> } : {}),
    ...(record.add_generation_prompt !== undefined ? { addGenerationPrompt: record.add_generation_prompt } : {}),
  };
}
