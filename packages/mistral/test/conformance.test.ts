import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { mistralFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(mistralFamily, {
  // "mistral-<variant>": {
  //   original: { path: originalTemplatePath("mistral-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
