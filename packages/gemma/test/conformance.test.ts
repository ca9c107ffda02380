import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { gemmaFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(gemmaFamily, {
  // "gemma-<variant>": {
  //   original: { path: originalTemplatePath("gemma-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
