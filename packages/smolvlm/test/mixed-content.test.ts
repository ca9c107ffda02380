import { describeConformance, originalTemplatePath } from "@training-templates/testkit";
import { smolvlm2 } from "../src/index.ts";
import { smolvlmTokenizer } from "./smolvlm-tokenizer.ts";

// Plain-string content is not what the original is written for: indexing a string's character by 'type' is
// undefined, so a non-empty string renders as empty content and an empty string raises. The training template
// must do exactly the same, rejections included, when some turns are strings and others lists of blocks.
describeConformance({
  variant: smolvlm2,
  original: { path: originalTemplatePath("smolvlm__2.jinja") },
  tokenizer: smolvlmTokenizer,
  features: { tools: false, media: "mixed" },
});
