import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { __camel__Family } from "../src/index.ts";

// One entry per variant id: the vendor's original (from ../shared/templates/originals/) and a tokenizer.
describeFamilyConformance(__camel__Family, {
  // "__name__-<variant>": {
  //   original: { path: originalTemplatePath("__name__-<variant>.jinja") },
  //   tokenizer: { dir: "node_modules/…/models", description: "… tokenizer" },
  // },
});

void originalTemplatePath;
