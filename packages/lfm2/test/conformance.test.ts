import { describeConformance, describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { lfm25Vl, lfm2Family } from "../src/index.ts";
import { lfm2Tokenizer } from "./lfm2-tokenizer.ts";

// The vendor's own switch for keeping past reasoning; without it the LFM2.5 templates are not prefix-preserving
// (see preserve-thinking.test.ts).
const preserveThinking = [{ preserve_thinking: true }];

describeFamilyConformance(lfm2Family, {
  lfm2: {
    original: { path: originalTemplatePath("lfm__2.jinja") },
    tokenizer: lfm2Tokenizer,
  },
  "lfm2.5": {
    original: { path: originalTemplatePath("lfm__2.5.jinja") },
    tokenizer: lfm2Tokenizer,
    kwargsSets: preserveThinking,
  },
  // Images (and videos, which the original writes as JSON blocks) in some user turns, the others plain strings.
  "lfm2-2.5-vl": {
    original: { path: originalTemplatePath("lfm__2.5-vl.jinja") },
    tokenizer: lfm2Tokenizer,
    features: { media: "mixed" },
    kwargsSets: preserveThinking,
  },
});

// Every message as a list of blocks: the system's and the assistant's content go through the list branch too.
describeConformance({
  variant: lfm25Vl,
  original: { path: originalTemplatePath("lfm__2.5-vl.jinja") },
  tokenizer: lfm2Tokenizer,
  features: { media: "lists" },
  kwargsSets: preserveThinking,
});
