import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { cohereFamily } from "../src/index.ts";
import { cohereTokenizer } from "./cohere-tokenizer.ts";

describeFamilyConformance(cohereFamily, {
  "cohere-aya-expanse": {
    original: { path: originalTemplatePath("cohere__aya-expanse.jinja") },
    tokenizer: cohereTokenizer,
    // Only user and assistant turns, strictly alternating: tool turns are rejected.
    features: { tools: false },
  },
  "cohere-command-r-v01": {
    original: { path: originalTemplatePath("cohere__command-r-v01.jinja") },
    tokenizer: cohereTokenizer,
    features: { tools: false },
  },
  "cohere-command-r-v01-tool-use": {
    original: { path: originalTemplatePath("cohere__command-r-v01-tool-use.jinja") },
    tokenizer: cohereTokenizer,
    // Rendered only with tools (it iterates `tools`), and every parameter needs a description.
    features: { tools: "always", toolParameterDescriptions: "always" },
  },
  "cohere-command-r-v01-rag": {
    original: { path: originalTemplatePath("cohere__command-r-v01-rag.jinja") },
    tokenizer: cohereTokenizer,
    // Its assistant turns are plain text (it renders no tool calls); documents on most conversations.
    features: { tools: false, documents: true },
    kwargsSets: [{}, { citation_mode: "accurate" }],
  },
});
