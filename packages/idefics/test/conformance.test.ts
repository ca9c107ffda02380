import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { ideficsFamily } from "../src/index.ts";
import { ideficsTokenizer } from "./idefics-tokenizer.ts";

// The originals index content[0] and iterate content: every message's content is a list of blocks here
// (mixed-content.test.ts covers plain-string content).
describeFamilyConformance(ideficsFamily, {
  "idefics-2": {
    original: { path: originalTemplatePath("idefics__2.jinja") },
    tokenizer: ideficsTokenizer,
    features: { tools: false, media: "lists" },
  },
  "idefics-3": {
    original: { path: originalTemplatePath("idefics__3.jinja") },
    tokenizer: ideficsTokenizer,
    features: { tools: false, media: "lists" },
  },
});
