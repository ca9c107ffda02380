import type { OriginalPatch } from "@training-templates/core";

/**
 * The Qwen3.5 prefix-preservation fix (both `enable_thinking` defaults), as a textual patch of the vendor's original:
 * applied to it (the `find` occurs exactly once), it renders exactly the text the `qwen-3.5-*` training templates
 * render. Unlike Qwen3, Qwen3.5 already writes a think block (empty without reasoning) for every turn after the last
 * user query, the last one or not, so a single condition changes.
 */
export const qwen35OriginalPatches: OriginalPatch[] = [
  {
    find: "{%- if loop.index0 > ns.last_query_index %}",
    replace: "{%- if true %}",
    why:
      "The original writes <think> blocks only for assistant turns after the last user query, so appending a user " +
      "message removes the reasoning (or the empty think block) of earlier turns and changes their tokens. Every turn " +
      "is written as the original writes the turns after the last query.",
  },
];
