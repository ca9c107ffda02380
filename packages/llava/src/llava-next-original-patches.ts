import type { Conversation, OriginalPatch } from "@training-templates/core";

/**
 * The LLaVA-NeXT (Mistral) change, as exact textual patches of llava-hf's original: applied to it, the original
 * renders what the training template renders.
 */
export const llavaNextOriginalPatches: OriginalPatch[] = [
  {
    find: "{% for message in messages %}",
    replace: "{% for message in messages %}{% if not loop.first and messages[loop.index0 - 1]['role'] == 'assistant' %}{{ ' ' }}{% endif %}",
    why: "the space the original writes after each reply's </s> is written before the next message instead (same text between messages)",
  },
  {
    find: "{{ ' ' + message['content'][0]['text'] + '</s> '}}",
    replace: "{{ ' ' + message['content'][0]['text'] + '</s>'}}",
    why:
      "The original ends every reply with `</s> `: a conversation ending with a reply then ends with a space that, once " +
      "the next ` [INST]` follows, tokenizes differently (Llama/Mistral SentencePiece merges it into the next word), so " +
      "earlier turns' tokens change when messages are appended. A final reply now ends at </s>.",
  },
];

/** True when the original writes the space the training template leaves out: the conversation ends with a reply. */
export function endsWithReply(conversation: Conversation): boolean {
  return conversation.messages.at(-1)?.role === "assistant";
}
