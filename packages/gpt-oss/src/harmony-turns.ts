import type { ChatMessage, Conversation } from "@training-templates/core";

/** Jinja truthiness of a message field. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value) || typeof value === "string") return value.length > 0;
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** What the original calls `loop_messages`: the messages after a leading system or developer message. */
function loopMessages(messages: readonly ChatMessage[]): readonly ChatMessage[] {
  const role = messages[0]?.role;
  return role === "system" || role === "developer" ? messages.slice(1) : messages;
}

/**
 * True when the GPT-OSS original renders some assistant turn differently from the `gpt-oss-20b` training template:
 * a final message other than the last message rendered without a generation prompt (the original drops its
 * analysis message and ends it with `<|end|>`), or a tool-call turn with reasoning that a later final message
 * follows (the original drops its analysis message).
 */
export function rendersTurnsDifferently(conversation: Conversation): boolean {
  const turns = loopMessages(conversation.messages);
  return turns.some((message, index) => {
    if (message.role !== "assistant") return false;
    const later = turns.slice(index + 1);
    if ("tool_calls" in message) {
      const finalFollows = later.some((next) => next.role === "assistant" && !("tool_calls" in next));
      return finalFollows && (truthy(message.content) || truthy(message.thinking));
    }
    return later.length > 0 || conversation.add_generation_prompt === true;
  });
}
