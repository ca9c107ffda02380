import type { OriginalPatch } from "@training-templates/core";

/**
 * The Nemotron 3 prefix-preservation fix, as a textual patch of the vendor's original (the same line in Nano, Super,
 * Ultra and 3.5 Lightning). Applied to an original, it yields a template without markers that renders exactly what
 * the training template renders; the conformance kit uses it to form its text expectation.
 */
export const nemotronOriginalPatches: OriginalPatch[] = [
  {
    find: "{%- set truncate_history_thinking = truncate_history_thinking if truncate_history_thinking is defined else True %}",
    replace: "{%- set truncate_history_thinking = False %}",
    why:
      "By default the original truncates the reasoning of assistant turns before the last user message (it keeps " +
      "what follows </think>), so appending a user message changes the text and tokens of earlier turns. Every turn " +
      "is written as the original writes the turns after the last user message.",
  },
];
