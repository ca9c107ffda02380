import type { ChatMessage } from "@training-templates/core";
import { hasJsonArguments } from "./tool-call-arguments.ts";

/**
 * True exactly when DeepSeek-R1's original renders a conversation differently from the `deepseek-r1` training
 * template: some assistant message with `tool_calls` (all of them are written) has a call whose arguments are not a
 * string; the original raises on it.
 */
export function r1TextDiffers(messages: readonly ChatMessage[]): boolean {
  return messages.some((message) => message.role === "assistant" && Array.isArray(message.tool_calls) && message.tool_calls.some(hasJsonArguments));
}
