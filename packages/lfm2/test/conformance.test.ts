import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { lfm2Family } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(lfm2Family, {
  // "lfm2-<variant>": {
  //   original: { path: originalTemplatePath("lfm2-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
