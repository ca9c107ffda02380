import type { Conversation, OriginalPatch } from "@training-templates/core";

const TRAILING_EOS = "{% else %}{{ eos_token }}{% endif %}";

/**
 * The Phi-3/Phi-3.5 prefix-preservation fix, as a textual patch of the vendor's original (the same `find` occurs
 * once in each of the two originals): the patched original renders exactly what the training templates render.
 */
export const phi3OriginalPatches: OriginalPatch[] = [
  {
    find: TRAILING_EOS,
    replace: "{% endif %}",
    why:
      "Without a generation prompt the original ends the whole text with eos_token (<|endoftext|>), right after the " +
      "last turn's <|end|>\\n: a conversation that goes on renders <|user|> there instead, so the shorter " +
      "conversation is not a prefix of the longer one. Each turn already ends with <|end|>, the token Phi-3 stops on.",
  },
];

/** True exactly when the Phi-3 originals write the trailing eos_token, i.e. when there is no generation prompt. */
export function endsWithEosInOriginal(conversation: Conversation): boolean {
  return !conversation.add_generation_prompt;
}
