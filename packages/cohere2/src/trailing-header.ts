import type { Conversation, OriginalPatch } from "@training-templates/core";

/**
 * The Command R7B fix, the same in its three named templates (in `default`, in its documents branch): the original
 * ends every rendering with the chatbot header `<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>`, generation prompt or not.
 */
export const commandR7bOriginalPatches: OriginalPatch[] = [
  {
    find: "{%- endfor %}<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>",
    replace:
      "{%- endfor %}{% if add_generation_prompt or not messages or messages[-1].role|lower not in ['assistant', 'chatbot'] %}" +
      "<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>{% endif %}",
    why:
      "The original writes the chatbot header after the last message even when that is an assistant turn and no " +
      "generation prompt is asked for, so a conversation ending with a reply does not render as the start of the " +
      "same conversation with more messages. The training template leaves it out there, and only there.",
  },
];

/** True when the original writes the trailing header the training template leaves out: a final reply, no prompt. */
export function endsWithReplyWithoutPrompt(conversation: Conversation): boolean {
  const role = conversation.messages.at(-1)?.role.toLowerCase();
  return !conversation.add_generation_prompt && (role === "assistant" || role === "chatbot");
}
