import type { ChatMessage, ToolDefinition } from "@training-templates/core";
import type { RecordShape } from "./record-shape.ts";
import { reject, type Rejection } from "./rejection.ts";

/** One input record, checked: what `apply_chat_template` needs for it, and which messages must not train. */
export interface ChatRecord {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  addGenerationPrompt: boolean;
  templateKwargs?: Record<string, unknown>;
  /** Indices of messages marked `"train": false`. */
  excluded: number[];
  /** The record as it came, for the fields `--keep-columns` copies to the output. */
  fields: Record<string, unknown>;
}

export type ParsedRecord = { ok: true; record: ChatRecord } | Rejection;

/**
 * Reads one record as `{ <messages>, tools?, add_generation_prompt?, chat_template_kwargs? }`. Only the shape the
 * tool relies on is checked; what a message may contain beyond that is the template's business (it rejects what it
 * cannot render). A strict shape also maps field names and roles and checks content and `"train"`.
 */
export function parseRecord(text: string, shape: RecordShape): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return reject("invalid-json", `not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) return reject("not-an-object", `not a JSON object (got ${describeType(value)})`);
  const field = shape.messagesField;
  const { [field]: messages, tools, add_generation_prompt: addGenerationPrompt, chat_template_kwargs: kwargs } = value;
  if (!Array.isArray(messages)) {
    const got = messages === undefined ? "" : ` ("${field}" is ${describeType(messages)})`;
    return reject("no-messages", `no "${field}" array${got}${shape.strict && messages === undefined ? shareGptHint(value, field) : ""}`);
  }
  if (messages.length === 0) return reject("no-messages", `"${field}" is empty`);
  const checked = shape.strict ? mapMessages(messages, shape) : checkMessages(messages, shape);
  if (!checked.ok) return checked;
  if (tools !== undefined && tools !== null && !Array.isArray(tools)) return reject("invalid-field", `"tools" is not a list (got ${describeType(tools)})`);
  if (addGenerationPrompt !== undefined && typeof addGenerationPrompt !== "boolean") {
    return reject("invalid-field", `"add_generation_prompt" is not true or false (got ${describeType(addGenerationPrompt)})`);
  }
  if (kwargs !== undefined && !isObject(kwargs)) return reject("invalid-field", `"chat_template_kwargs" is not an object (got ${describeType(kwargs)})`);
  return {
    ok: true,
    record: {
      messages: checked.messages,
      ...(Array.isArray(tools) ? { tools: tools as ToolDefinition[] } : {}),
      addGenerationPrompt: addGenerationPrompt ?? false,
      ...(kwargs ? { templateKwargs: kwargs } : {}),
      excluded: checked.excluded,
      fields: value,
    },
  };
}

type CheckedMessages = { ok: true; messages: ChatMessage[]; excluded: number[] } | Rejection;

/** The lenient check: messages go to the template exactly as they came. */
function checkMessages(messages: unknown[], shape: RecordShape): CheckedMessages {
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) return reject("invalid-message", `${shape.messagesField}[${index}] is not an object (got ${describeType(message)})`);
    if (typeof message[shape.roleField] !== "string") return reject("invalid-message", `${shape.messagesField}[${index}] has no string "${shape.roleField}"`);
  }
  return { ok: true, messages: messages as ChatMessage[], excluded: [] };
}

/** The strict check: each message rebuilt with `role`/`content`, its role aliased and known, `"train"` read and dropped. */
function mapMessages(messages: unknown[], shape: RecordShape): CheckedMessages {
  const mapped: ChatMessage[] = [];
  const excluded: number[] = [];
  for (const [index, message] of messages.entries()) {
    const where = `${shape.messagesField}[${index}]`;
    if (!isObject(message)) return reject("invalid-message", `${where} is not an object (got ${describeType(message)})`);
    const { [shape.roleField]: spelledRole, [shape.contentField]: content, train } = message;
    if (typeof spelledRole !== "string") return reject("invalid-message", `${where} has no string "${shape.roleField}"`);
    const role = shape.roleAliases[spelledRole] ?? spelledRole;
    if (shape.knownRoles && !shape.knownRoles.includes(role)) {
      return reject(
        "unknown-role",
        `${where} has the unknown role "${spelledRole}" (known: ${shape.knownRoles.join(", ")}; map it with --role-alias ${spelledRole}=ROLE)`,
      );
    }
    const contentProblem = describeContentProblem(content);
    if (contentProblem) return reject("invalid-content", `${where}.${shape.contentField} ${contentProblem}`);
    if (train !== undefined && typeof train !== "boolean") return reject("invalid-field", `${where}.train is not true or false (got ${describeType(train)})`);
    if (train === false) excluded.push(index);
    mapped.push(renamed(message, shape, role));
  }
  return { ok: true, messages: mapped, excluded };
}

/**
 * The message as the template expects it: the role and content fields renamed in place (key order shows in
 * `tojson`), the role aliased, and our `"train"` flag dropped; everything else passes through untouched.
 */
function renamed(message: Record<string, unknown>, shape: RecordShape, role: string): ChatMessage {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(message)) {
    if (key === shape.roleField) out.role = role;
    else if (key === shape.contentField) out.content = value;
    else if (key !== "train" && key !== "role" && key !== "content") out[key] = value;
  }
  return out as ChatMessage;
}

/** Templates print any content with `str()`: a number or an object would be trained on as its Python spelling. */
function describeContentProblem(content: unknown): string | undefined {
  if (content === undefined || content === null || typeof content === "string") return undefined;
  if (!Array.isArray(content)) return `is ${describeType(content)} (expected a string, a list of content blocks, or null)`;
  const index = content.findIndex((block) => !isObject(block) || typeof block.type !== "string");
  return index === -1 ? undefined : `[${index}] is not a content block (an object with a string "type")`;
}

function shareGptHint(value: Record<string, unknown>, field: string): string {
  if (field === "conversations" || !Array.isArray(value.conversations)) return "";
  return ' (the record has "conversations": for ShareGPT data pass --messages-field conversations --role-field from --content-field value)';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
