import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { smolvlmFamily } from "../src/index.ts";
import { smolvlmTokenizer } from "./smolvlm-tokenizer.ts";

// The original indexes content[0] and iterates content: every message's content is a list of blocks here
// (mixed-content.test.ts covers plain-string content).
describeFamilyConformance(smolvlmFamily, {
  "smolvlm-2": {
    original: { path: originalTemplatePath("smolvlm__2.jinja") },
    tokenizer: smolvlmTokenizer,
    features: { tools: false, media: "lists" },
  },
});
