import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { smollmFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(smollmFamily, {
  // "smollm-<variant>": {
  //   original: { path: originalTemplatePath("smollm-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
