import type { OriginalPatch } from "@training-templates/core";

/** The R1-Distill original's cut of a reply down to the text after its last `</think>`. */
const REASONING_CUT = "{% if '</think>' in content %}{% set content = content.split('</think>')[-1] %}{% endif %}";

/**
 * Where the `deepseek-r1-distill` training template's text differs from the R1-Distill original, as an exact
 * textual patch of the original (its `find` occurs once in it): replies keep their reasoning.
 */
export const deepseekR1DistillOriginalPatches: OriginalPatch[] = [
  {
    find: REASONING_CUT,
    replace: "",
    why:
      "The original writes every reply (except one right after tool results) from its last `</think>` on, so the " +
      "reasoning a distilled model is trained to produce would never reach the training target. Here the reply is " +
      "written whole, reasoning included.",
  },
];
