import type { TrainingTemplate } from "@training-templates/core";
import commandRTemplate from "../templates/cohere-command-r-v01.jinja";
import { COHERE_SPECIAL_TOKENS } from "./special-tokens.ts";

/**
 * Command R (v01), the `default` of its named chat templates: the Aya Expanse format (they differ only in a default
 * system message the template never uses), strictly alternating turns, no tools.
 */
export const commandRV01: TrainingTemplate = {
  id: "cohere-command-r-v01",
  family: "cohere",
  displayName: "Command R (v01)",
  models: ["CohereForAI/c4ai-command-r-v01", "CohereLabs/c4ai-command-r-v01"],
  originalSha256: ["9db2cf47ce03bfd0aab6ec59942503714fa0372f09f7e1d54cbcd71a1110b863"],
  originalNormalizedSha256: ["9db2cf47ce03bfd0aab6ec59942503714fa0372f09f7e1d54cbcd71a1110b863"],
  template: commandRTemplate,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "<|END_OF_TURN_TOKEN|>",
  specialTokens: COHERE_SPECIAL_TOKENS,
  differences: "",
};
