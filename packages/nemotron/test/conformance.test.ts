import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { nemotronFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(nemotronFamily, {
  // "nemotron-<variant>": {
  //   original: { path: originalTemplatePath("nemotron-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
