import type { OriginalPatch } from "@training-templates/core";
import { thinkBlockOnEveryTurnPatch } from "./preserve-thinking.ts";

/**
 * The Qwen3.8 prefix-preservation fix, as a textual patch of the vendor's original (the `find` occurs exactly once):
 * every assistant turn is written as the original writes it with `preserve_thinking` on, its default.
 */
export const qwen38OriginalPatches: OriginalPatch[] = [
  thinkBlockOnEveryTurnPatch(
    "{%- if preserve_thinking is undefined or preserve_thinking is true or loop.index0 > ns.last_query_index %}",
    "With preserve_thinking=false (it is on by default)",
  ),
];
