import type { ChatMessage } from "@training-templates/core";
import { hasJsonArguments } from "./tool-call-arguments.ts";

/**
 * True exactly when DeepSeek-V3's original renders a conversation differently from the `deepseek-v3` training
 * template (see `deepseekV3OriginalPatches`). Only assistant messages with `content: null` render their tool calls.
 * The original ends every call but the conversation's first with the terminator, the training template each such
 * message once, after its last call: the two agree only on a message whose calls end with the terminator exactly
 * once, at its last call (two calls in the first message with calls, one in any later one) and whose arguments are
 * all strings (dict arguments raise in the original).
 */
export function v3TextDiffers(messages: readonly ChatMessage[]): boolean {
  let firstCallWritten = false;
  for (const message of messages) {
    if (message.role !== "assistant" || message.content !== null) continue;
    const calls = message.tool_calls;
    if (calls === null) continue; // iterating None raises in both templates
    if (!Array.isArray(calls) || calls.length === 0) return true; // the training template still ends the turn
    if (calls.some(hasJsonArguments)) return true;
    const callsAgreeingOnce = firstCallWritten ? 1 : 2;
    if (calls.length !== callsAgreeingOnce) return true;
    firstCallWritten = true;
  }
  return false;
}
