import type { OriginalPatch } from "@training-templates/core";

/**
 * The `falcon-7b-instruct` change, as an exact textual patch of the vendor's original: applied to it, the original
 * renders what the training template renders.
 */
export const falcon7bInstructOriginalPatches: OriginalPatch[] = [
  {
    // The end of the assistant branch (the user branch ends with `}}{% elif`).
    find: "') }}{% endif %}{% endfor %}",
    replace: "') + eos_token }}{% endif %}{% endfor %}",
    why:
      "The original ends an assistant reply with nothing (the next message's `\\n\\nUser:` or the end of the text), " +
      "so no trained token tells the model to stop. eos_token (<|endoftext|>), the token Falcon's generation stops " +
      "on, now ends every assistant turn and is trained with it.",
  },
];
