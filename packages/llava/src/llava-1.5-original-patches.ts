import type { OriginalPatch } from "@training-templates/core";

/**
 * llava-hf's LLaVA 1.5 template ends each reply with a space and never writes `</s>`, so a model trained on it never
 * learns to stop (LLaVA's own training format, Vicuna v1, ends each reply with `</s>`), and its own
 * `{% generation %}` marks the reply plus that space, whose token is `▁USER`/`▁ASS` of the next header.
 */
export const llava15OriginalPatches: OriginalPatch[] = [
  {
    find: "{% generation %}{{ content['text'] + ' '}}{% endgeneration %}{% endfor %}",
    replace: "{{ content['text'] }}{% if not loop.last %}{{ ' ' }}{% endif %}{% endfor %}{{ '</s>' }}",
    why: "each reply ends with </s> (LLaVA's Vicuna v1 training format) instead of a space, so the model learns to stop; several text blocks of one reply stay joined by a space",
  },
];
