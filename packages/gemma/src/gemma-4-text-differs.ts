import type { ChatMessage, Conversation } from "@training-templates/core";

const hasContent = (message: ChatMessage): boolean =>
  typeof message.content === "string" ? message.content !== "" : Array.isArray(message.content) && message.content.length > 0;

const writesContent = (message: ChatMessage): boolean =>
  typeof message.content === "string" ? message.content.trim() !== "" : Array.isArray(message.content) && message.content.length > 0;

/** Where `gemma4OriginalPatches` change the text: tool-calling turns with content, or with reasoning before a later user message. */
export function gemma4TextDiffersFromOriginal(conversation: Conversation): boolean {
  const messages = conversation.messages;
  return messages.some((message, i) => {
    if (message.role !== "assistant" || !message.tool_calls || message.tool_calls.length === 0) return false;
    const reasoning = (message as { reasoning?: unknown }).reasoning || message.reasoning_content;
    if (reasoning && messages.slice(i + 1).some((later) => later.role === "user")) return true;
    if (writesContent(message)) return true;
    return hasContent(message) && messages[i + 1]?.role === "tool";
  });
}
