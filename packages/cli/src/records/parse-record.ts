import { ConversationProblemError, validateConversation, type ChatMessage, type ToolDefinition } from "@training-templates/core";
import type { RecordShape } from "./record-shape.ts";
import { reject, type Rejection } from "./rejection.ts";

/** One input record, checked: what `apply_chat_template` needs for it, and which messages must not train. */
export interface ChatRecord {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  /** RAG documents, as transformers' `apply_chat_template(documents=…)` takes them. */
  documents?: Record<string, unknown>[];
  addGenerationPrompt: boolean;
  templateKwargs?: Record<string, unknown>;
  /** Indices of messages marked `"train": false`. */
  excluded: number[];
  /** The record as it came, for the fields `--keep-columns` copies to the output. */
  fields: Record<string, unknown>;
}

export type ParsedRecord = { ok: true; record: ChatRecord } | Rejection;

/**
 * Reads one record as `{ <messages>, tools?, <documents>?, add_generation_prompt?, chat_template_kwargs? }`. The
 * conversation gets the library's own check (`validateConversation`, which `applyChatTemplate` runs too), so every
 * command rejects the same records with the same reasons. A strict shape also maps field names and roles, refuses
 * roles nobody mapped and reads `"train"`; the lenient one (`mask`) hands messages to the template as they came.
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
  const { [field]: messages, [shape.documentsField]: documents, tools, add_generation_prompt: addGenerationPrompt, chat_template_kwargs: kwargs } = value;
  if (!Array.isArray(messages)) {
    const got = messages === undefined ? "" : ` ("${field}" is ${describeType(messages)})`;
    return reject("no-messages", `no "${field}" array${got}${shape.strict && messages === undefined ? shareGptHint(value, field) : ""}`);
  }
  const invalid = conversationProblem(messages, tools, documents, shape);
  if (invalid) return invalid;
  const checked = shape.strict ? mapMessages(messages as Record<string, unknown>[], shape) : { ok: true as const, messages: messages as ChatMessage[], excluded: [] };
  if (!checked.ok) return checked;
  if (addGenerationPrompt !== undefined && typeof addGenerationPrompt !== "boolean") {
    return reject("invalid-field", `"add_generation_prompt" is not true or false (got ${describeType(addGenerationPrompt)})`);
  }
  if (kwargs !== undefined && !isObject(kwargs)) return reject("invalid-field", `"chat_template_kwargs" is not an object (got ${describeType(kwargs)})`);
  return {
    ok: true,
    record: {
      messages: checked.messages,
      ...(Array.isArray(tools) ? { tools: tools as ToolDefinition[] } : {}),
      ...(Array.isArray(documents) ? { documents: documents as Record<string, unknown>[] } : {}),
      addGenerationPrompt: addGenerationPrompt ?? false,
      ...(kwargs ? { templateKwargs: kwargs } : {}),
      excluded: checked.excluded,
      fields: value,
    },
  };
}

/** The library's check of the conversation, its errors named with the data's own field names. */
function conversationProblem(messages: unknown[], tools: unknown, documents: unknown, shape: RecordShape): Rejection | undefined {
  try {
    validateConversation(
      { messages, tools, documents },
      { messages: shape.messagesField, ...(shape.strict ? { role: shape.roleField, content: shape.contentField } : {}) },
    );
  } catch (error) {
    if (!(error instanceof ConversationProblemError)) throw error;
    // The library names the documents "documents"; the data may call them otherwise.
    const reason = shape.documentsField === "documents" ? error.message : error.message.replace(/^documents(?=[[:])/, shape.documentsField);
    return reject(error.problem, reason);
  }
  return undefined;
}

type CheckedMessages = { ok: true; messages: ChatMessage[]; excluded: number[] } | Rejection;

/** The strict check: each message rebuilt with `role`/`content`, its role aliased and known, `"train"` read and dropped. */
function mapMessages(messages: Record<string, unknown>[], shape: RecordShape): CheckedMessages {
  const mapped: ChatMessage[] = [];
  const excluded: number[] = [];
  for (const [index, message] of messages.entries()) {
    const where = `${shape.messagesField}[${index}]`;
    // The library's check has made sure of the object and its role.
    const { [shape.roleField]: spelledRole, train } = message as { [key: string]: unknown };
    if (typeof spelledRole !== "string") throw new Error(`${where}: no role after validation`);
    const role = shape.roleAliases[spelledRole] ?? spelledRole;
    if (shape.knownRoles && !shape.knownRoles.includes(role)) {
      return reject(
        "unknown-role",
        `${where} has the unknown role "${spelledRole}" (known: ${shape.knownRoles.join(", ")}; map it with --role-alias ${spelledRole}=ROLE)`,
      );
    }
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
