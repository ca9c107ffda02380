import type { OriginalPatch } from "@training-templates/core";

/**
 * The Qwen3.6 prefix-preservation fix, as a textual patch of the vendor's original (the `find` occurs exactly once):
 * every assistant turn is written as the original writes it with `preserve_thinking=true`.
 */
export const qwen36OriginalPatches: OriginalPatch[] = [
  {
    find: "{%- if (preserve_thinking is defined and preserve_thinking is true) or (loop.index0 > ns.last_query_index) %}",
    replace: "{%- if true %}",
    why:
      "Unless preserve_thinking=true (off by default), the original writes <think> blocks only for assistant turns " +
      "after the last user query, so appending a user message removes the reasoning (or the empty think block) of " +
      "earlier turns and changes their tokens.",
  },
];
