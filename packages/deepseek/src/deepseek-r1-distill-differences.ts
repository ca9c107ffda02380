import type { ChatMessage } from "@training-templates/core";

/**
 * True exactly when the R1-Distill original renders a conversation differently from the `deepseek-r1-distill`
 * training template (see `deepseekR1DistillOriginalPatches`): some reply the original cuts at `</think>` holds one.
 * The original cuts a reply with content other than `None`, except the one that directly follows tool results
 * (it writes that one whole, after `<｜tool▁outputs▁end｜>`); any assistant message ends the tool results.
 */
export function r1DistillTextDiffers(messages: readonly ChatMessage[]): boolean {
  let afterToolResults = false;
  for (const message of messages) {
    if (message.role === "user") afterToolResults = false;
    if (message.role === "tool") afterToolResults = true;
    if (message.role !== "assistant") continue;
    if (!afterToolResults && typeof message.content === "string" && message.content.includes("</think>")) return true;
    afterToolResults = false;
  }
  return false;
}
