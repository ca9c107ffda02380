import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { chatmlFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(chatmlFamily, {
  // "chatml-<variant>": {
  //   original: { path: originalTemplatePath("chatml-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
