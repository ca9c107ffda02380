import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { glmFamily } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(glmFamily, {
  // "glm-<variant>": {
  //   original: { path: originalTemplatePath("glm-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
