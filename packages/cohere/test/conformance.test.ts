import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { cohereFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(cohereFamily, {
  // "cohere-<variant>": {
  //   original: { path: originalTemplatePath("cohere-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
