import type { TrainingTemplate } from "@training-templates/core";
import ayaExpanseTemplate from "../templates/cohere-aya-expanse.jinja";
import { COHERE_SPECIAL_TOKENS } from "./special-tokens.ts";

/** Aya Expanse: strictly alternating user/assistant turns after an optional system turn, no tools. */
export const ayaExpanse: TrainingTemplate = {
  id: "cohere-aya-expanse",
  family: "cohere",
  displayName: "Aya Expanse",
  models: ["CohereLabs/aya-expanse-8b"],
  originalSha256: ["90c33aee14aa2a226127516d48ee9184c9b90745d4a04c484621ec2e82fb712c"],
  originalNormalizedSha256: ["90c33aee14aa2a226127516d48ee9184c9b90745d4a04c484621ec2e82fb712c"],
  template: ayaExpanseTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE_SPECIAL_TOKENS,
  differences: "",
};
