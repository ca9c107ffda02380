import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { deepseekFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(deepseekFamily, {
  // "deepseek-<variant>": {
  //   original: { path: originalTemplatePath("deepseek-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
