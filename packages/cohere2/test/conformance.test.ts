import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { cohere2Family } from "../src/index.ts";
import { cohere2Tokenizer } from "./cohere2-tokenizer.ts";

describeFamilyConformance(cohere2Family, {
  "cohere2-command-r7b": {
    original: { path: originalTemplatePath("cohere2__command-r7b-12-2024.jinja") },
    tokenizer: cohere2Tokenizer,
    // Without documents: strictly alternating user/assistant turns (tool turns are rejected). Documents switch it to
    // the RAG format, where the patch applies.
    features: { tools: false, documents: true },
    kwargsSets: [{}, { enable_citations: true }],
  },
  "cohere2-command-r7b-tool-use": {
    original: { path: originalTemplatePath("cohere2__command-r7b-12-2024-tool-use.jinja") },
    tokenizer: cohere2Tokenizer,
    features: { tools: true, documents: true },
    kwargsSets: [{}, { enable_citations: true }],
  },
  "cohere2-command-r7b-rag": {
    original: { path: originalTemplatePath("cohere2__command-r7b-12-2024-rag.jinja") },
    tokenizer: cohere2Tokenizer,
    // It drops `tools` but still renders the tool calls and results in the messages.
    features: { tools: true, documents: true },
    kwargsSets: [{}, { enable_citations: true }],
  },
  "cohere2-tiny-aya": {
    original: { path: originalTemplatePath("cohere2__tiny-aya.jinja") },
    tokenizer: cohere2Tokenizer,
    // Strictly alternating user/assistant turns: a tool turn after a tool call is rejected.
    features: { tools: false },
  },
});
