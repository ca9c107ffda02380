import type { OriginalPatch } from "@training-templates/core";
import { thinkBlockOnEveryTurnPatch } from "./preserve-thinking.ts";

/**
 * The Qwen3.6 prefix-preservation fix, as a textual patch of the vendor's original (the `find` occurs exactly once):
 * every assistant turn is written as the original writes it with `preserve_thinking=true`.
 */
export const qwen36OriginalPatches: OriginalPatch[] = [
  thinkBlockOnEveryTurnPatch(
    "{%- if (preserve_thinking is defined and preserve_thinking is true) or (loop.index0 > ns.last_query_index) %}",
    "Unless preserve_thinking=true (off by default)",
  ),
];
