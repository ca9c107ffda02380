/**
 * The Qwen3 prefix-preservation fix, written as a textual patch of the vendor's original template.
 *
 * Applying these pairs to the original (each `find` occurs exactly once in it) yields a template without markers
 * that renders exactly the text the `qwen-3` training template renders; the conformance kit uses it to form its
 * text expectation, since past turns with reasoning no longer render as the original renders them.
 */
export interface OriginalPatch {
  find: string;
  replace: string;
  why: string;
}

export const qwen3OriginalPatches: OriginalPatch[] = [
  {
    find: "{%- if loop.index0 > ns.last_query_index %}",
    replace: "{%- if loop.index0 > ns.last_query_index or reasoning_content %}",
    why:
      "The original renders <think> reasoning only for assistant turns after the last user query, so appending a " +
      "user message removes the reasoning of earlier turns and changes their tokens. Rendering every turn that " +
      "carries reasoning the way turns after the last query are rendered keeps earlier turns unchanged " +
      "(turns without reasoning still render as before).",
  },
];
