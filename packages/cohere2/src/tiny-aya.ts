import type { TrainingTemplate } from "@training-templates/core";
import tinyAyaTemplate from "../templates/cohere2-tiny-aya.jinja";
import { COHERE2_SPECIAL_TOKENS } from "./special-tokens.ts";

/**
 * Tiny Aya: a fixed system preamble (the system message becomes its developer preamble), strictly alternating
 * turns, replies as `<|START_RESPONSE|>…<|END_RESPONSE|>` (the generation prompt holds `<|START_RESPONSE|>`).
 */
export const tinyAya: TrainingTemplate = {
  id: "cohere2-tiny-aya",
  family: "cohere2",
  displayName: "Tiny Aya",
  models: ["CohereLabs/tiny-aya-earth"],
  originalSha256: ["2147c474f41b522b7296f74692b9f31e45f49a31465960576a9d321339c5915a"],
  originalNormalizedSha256: ["2147c474f41b522b7296f74692b9f31e45f49a31465960576a9d321339c5915a"],
  template: tinyAyaTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE2_SPECIAL_TOKENS,
  differences: "",
};
