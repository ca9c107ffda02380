import type { OriginalPatch } from "@training-templates/core";

/**
 * The Qwen3 prefix-preservation fix, written as a textual patch of the vendor's original template.
 *
 * Applying these pairs to the original (each `find` occurs exactly once in it) yields a template without markers
 * that renders exactly the text the `qwen-3` training template renders; the conformance kit uses it to form its
 * text expectation.
 */
export const qwen3OriginalPatches: OriginalPatch[] = [
  {
    find: "{%- if loop.index0 > ns.last_query_index %}",
    replace: "{%- if true %}",
    why:
      "The original writes <think> blocks only for assistant turns after the last user query, so appending a user " +
      "message removes the reasoning of earlier turns and changes their tokens.",
  },
  {
    find: "{%- if loop.last or (not loop.last and reasoning_content) %}",
    replace: "{%- if true %}",
    why:
      "After the last query the original writes a think block (empty without reasoning) for the last turn only, so " +
      "a turn's text changes once a message follows it. Every turn is written as the original writes the last one.",
  },
];
