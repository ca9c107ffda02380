import type { FamilyPlugin } from "@training-templates/core";
import { chatml } from "./chatml.ts";

export { chatml };
export { chatmlEosToken, chatmlSpecialTokens, chatmlToolAndReasoningTokens } from "./special-tokens.ts";

/** ChatML for base models that ship no chat template: one variant, `chatml`. */
export const chatmlFamily: FamilyPlugin = {
  family: "chatml",
  displayName: "ChatML",
  variants: [chatml],
};
