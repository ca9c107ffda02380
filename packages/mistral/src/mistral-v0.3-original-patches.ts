import type { Conversation, OriginalPatch } from "@training-templates/core";
import { samePythonValue } from "./python-equality.ts";

/**
 * The Mistral v0.3 prefix-preservation fix, as a textual patch of the vendor's original: the patched original
 * renders exactly what the `mistral-v0.3` training template renders.
 */
export const mistralV03OriginalPatches: OriginalPatch[] = [
  {
    find: "(message == user_messages[-1])",
    replace: "(message == user_messages[0])",
    why:
      "The original writes [AVAILABLE_TOOLS] before the last user message, so when a conversation goes on the tool " +
      "list moves to the new last user message and the earlier turns' text changes. Listed before the first user " +
      "message, it stays where it is.",
  },
];

/**
 * True exactly when the v0.3 original places the tool list elsewhere than the training template: tools are given
 * (the original tests `tools is not none`) and the first user message differs from the last one (the original
 * compares messages with `==`, so identical user messages are all "the last one").
 */
export function movesToolList(conversation: Conversation): boolean {
  if (conversation.tools === undefined || conversation.tools === null) return false;
  const messages = conversation.messages[0]?.role === "system" ? conversation.messages.slice(1) : conversation.messages;
  const users = messages.filter((message) => message.role === "user");
  return users.length > 0 && !samePythonValue(users[0], users.at(-1));
}
