import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { falconFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(falconFamily, {
  // "falcon-<variant>": {
  //   original: { path: originalTemplatePath("falcon-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
