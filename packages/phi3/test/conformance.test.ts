import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { phi3Family } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(phi3Family, {
  // "phi3-<variant>": {
  //   original: { path: originalTemplatePath("phi3-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
