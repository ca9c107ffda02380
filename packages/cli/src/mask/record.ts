import type { ChatMessage, ToolDefinition } from "@training-templates/core";

/** One input line, checked: what `apply_chat_template` needs for it. */
export interface ChatRecord {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  addGenerationPrompt: boolean;
  templateKwargs?: Record<string, unknown>;
}

export type ParsedRecord = { ok: true; record: ChatRecord } | { ok: false; reason: string };

/**
 * Reads one JSONL line as `{ messages, tools?, add_generation_prompt?, chat_template_kwargs? }`. Only the shape the
 * tool relies on is checked; what a message may contain is the template's business (it rejects what it cannot render).
 */
export function parseRecord(line: string): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return fail(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) return fail(`not a JSON object (got ${describeType(value)})`);
  const { messages, tools, add_generation_prompt: addGenerationPrompt, chat_template_kwargs: kwargs } = value;
  if (!Array.isArray(messages)) return fail(`no "messages" array${messages === undefined ? "" : ` ("messages" is ${describeType(messages)})`}`);
  if (messages.length === 0) return fail(`"messages" is empty`);
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) return fail(`messages[${index}] is not an object (got ${describeType(message)})`);
    if (typeof message.role !== "string") return fail(`messages[${index}] has no string "role"`);
  }
  if (tools !== undefined && tools !== null && !Array.isArray(tools)) return fail(`"tools" is not a list (got ${describeType(tools)})`);
  if (addGenerationPrompt !== undefined && typeof addGenerationPrompt !== "boolean") {
    return fail(`"add_generation_prompt" is not true or false (got ${describeType(addGenerationPrompt)})`);
  }
  if (kwargs !== undefined && !isObject(kwargs)) return fail(`"chat_template_kwargs" is not an object (got ${describeType(kwargs)})`);
  return {
    ok: true,
    record: {
      messages: messages as ChatMessage[],
      ...(Array.isArray(tools) ? { tools: tools as ToolDefinition[] } : {}),
      addGenerationPrompt: addGenerationPrompt ?? false,
      ...(kwargs ? { templateKwargs: kwargs } : {}),
    },
  };
}

function fail(reason: string): ParsedRecord {
  return { ok: false, reason };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
