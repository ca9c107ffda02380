import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { gptOssFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(gptOssFamily, {
  // "gpt-oss-<variant>": {
  //   original: { path: originalTemplatePath("gpt-oss-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
