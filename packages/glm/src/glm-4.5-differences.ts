import type { ChatMessage } from "@training-templates/core";
import { pythonStrip } from "@training-templates/core";
import { pythonTruthy } from "./python-text.ts";

/** GLM-4.5's `visible_text` macro: a string as it is, the text parts of a list of content blocks. */
function visibleText(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content.map((item) => (typeof item === "string" ? item : item.type === "text" ? String(item.text ?? "") : "")).join("");
  }
  return String(content); // null renders as Python's "None", which holds no reasoning
}

/** The reasoning GLM-4.5's original derives for an assistant turn (`reasoning_content`, else `<think>` in content). */
function derivedReasoning(message: ChatMessage): string {
  if (typeof message.reasoning_content === "string") return message.reasoning_content;
  const content = visibleText(message.content);
  if (!content.includes("</think>")) return "";
  const beforeClose = (content.split("</think>")[0] ?? "").replace(/\n+$/, "");
  return (beforeClose.split("<think>").at(-1) ?? "").replace(/^\n+/, "");
}

/** The stop token the `glm-4.5` training template writes at the end of an assistant turn. */
function stopRole(message: ChatMessage): "tool" | "user" {
  return pythonTruthy(message.tool_calls) ? "tool" : "user";
}

/**
 * True exactly when GLM-4.5's original renders a conversation differently from the `glm-4.5` training template
 * (see `glm45OriginalPatches`): an assistant turn not followed by the message its stop token opens (a tool result
 * after tool calls, a user message otherwise; so always when it is the last message), or an assistant turn at or
 * before the last user message whose reasoning the original leaves out.
 */
export function glm45TextDiffers(messages: readonly ChatMessage[]): boolean {
  const lastUserIndex = messages.findLastIndex((message) => message.role === "user");
  return messages.some((message, index) => {
    if (message.role !== "assistant") return false;
    const next = messages[index + 1];
    if (next?.role !== stopRole(message)) return true;
    return index <= lastUserIndex && pythonStrip(derivedReasoning(message)) !== "";
  });
}
