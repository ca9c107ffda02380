import type { ChatMessage, Conversation } from "@training-templates/core";

/** Jinja truthiness of a message field. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value) || typeof value === "string") return value.length > 0;
  if (value && typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** A tool-call message directly followed by an assistant message: the original ends it with <|eom|>, not <|eot|>. */
function toolCallsContinued(messages: readonly ChatMessage[]): boolean {
  return messages.some((message, i) => message.role === "assistant" && truthy(message.tool_calls) && messages[i + 1]?.role === "assistant");
}

/** The name the original's lookup gives a tool message without `name`: the last call among `searched` with its id. */
function resultName(tcid: unknown, searched: readonly ChatMessage[]): unknown {
  let name: unknown = truthy(tcid) ? tcid : "";
  if (tcid === undefined || tcid === null) return name;
  for (const message of searched) {
    if (!truthy(message.tool_calls)) continue;
    for (const call of message.tool_calls ?? []) if (call.id !== undefined && call.id === tcid) name = call.function.name;
  }
  return name;
}

/** A tool message named by a call that comes after it: the original names it so, the training template does not. */
function resultRenamedByLaterCall(messages: readonly ChatMessage[]): boolean {
  return messages.some(
    (message, i) =>
      message.role === "tool" &&
      !truthy(message.name) &&
      resultName(message.tool_call_id, messages) !== resultName(message.tool_call_id, messages.slice(0, i)),
  );
}

/**
 * True when the Muse Glimmer original renders the conversation differently from the `muse-glimmer` training template
 * (see `museGlimmerOriginalPatches`): a tool-call message directly followed by an assistant message, or a tool
 * result whose call id a later message reuses.
 */
export function glimmerTextDiffers(conversation: Conversation): boolean {
  return toolCallsContinued(conversation.messages) || resultRenamedByLaterCall(conversation.messages);
}
