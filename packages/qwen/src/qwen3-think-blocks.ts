import type { ChatMessage } from "@training-templates/core";

const TOOL_RESPONSE_OPEN = "<tool_response>";
const TOOL_RESPONSE_CLOSE = "</tool_response>";

/** The index the Qwen3 original calls `last_query_index`: the last user message that is not a wrapped tool result. */
function lastQueryIndex(messages: readonly ChatMessage[]): number {
  for (let index = messages.length - 1; index >= 0; index--) {
    const { role, content } = messages[index] ?? {};
    if (
      role === "user" &&
      typeof content === "string" &&
      !(content.startsWith(TOOL_RESPONSE_OPEN) && content.endsWith(TOOL_RESPONSE_CLOSE))
    ) {
      return index;
    }
  }
  return messages.length - 1;
}

/** The reasoning the Qwen3 original derives for an assistant turn (`reasoning_content`, else `<think>` in content). */
function derivedReasoning(message: ChatMessage): string {
  if (typeof message.reasoning_content === "string") return message.reasoning_content;
  const content = typeof message.content === "string" ? message.content : "";
  if (!content.includes("</think>")) return "";
  const beforeClose = (content.split("</think>")[0] ?? "").replace(/\n+$/, "");
  return (beforeClose.split("<think>").at(-1) ?? "").replace(/^\n+/, "");
}

/**
 * True when the Qwen3 original writes some assistant turn without its think block: a turn at or before the last
 * user query, or a later one that is neither the last message nor carries reasoning. Exactly the conversations
 * whose text the `qwen-3` training template (a think block on every turn) renders differently.
 */
export function omitsSomeThinkBlock(messages: readonly ChatMessage[]): boolean {
  const lastQuery = lastQueryIndex(messages);
  return messages.some((message, index) => {
    if (message.role !== "assistant") return false;
    const written = index > lastQuery && (index === messages.length - 1 || derivedReasoning(message) !== "");
    return !written;
  });
}
