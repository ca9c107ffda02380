import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { cohere2Family } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(cohere2Family, {
  // "cohere2-<variant>": {
  //   original: { path: originalTemplatePath("cohere2-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
