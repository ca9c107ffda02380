import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { olmoFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(olmoFamily, {
  // "olmo-<variant>": {
  //   original: { path: originalTemplatePath("olmo-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
