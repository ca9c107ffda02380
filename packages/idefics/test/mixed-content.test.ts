import { describeConformance, originalTemplatePath } from "@training-templates/testkit";
import { idefics2, idefics3 } from "../src/index.ts";
import { ideficsTokenizer } from "./idefics-tokenizer.ts";

// Plain-string content is not what the originals are written for: indexing a string's character by 'type' is
// undefined, so a non-empty string renders as empty content and an empty string raises. The training templates
// must do exactly the same, rejections included, when some turns are strings and others lists of blocks.
for (const [variant, file] of [
  [idefics2, "idefics__2.jinja"],
  [idefics3, "idefics__3.jinja"],
] as const) {
  describeConformance({
    variant,
    original: { path: originalTemplatePath(file) },
    tokenizer: ideficsTokenizer,
    features: { tools: false, media: "mixed" },
  });
}
