import type { TrainingTemplate } from "@training-templates/core";
import llama31Template from "../templates/llama-3.1.jinja";

/**
 * Llama 3.1 Instruct: JSON tool calls (one per turn) and built-in `<|python_tag|>` calls. With `builtin_tools`
 * set, the original ends every tool-call turn with `<|eom_id|>`, and that token is inside the marked span.
 */
export const llama31: TrainingTemplate = {
  id: "llama-3.1",
  family: "llama",
  displayName: "Llama 3.1",
  models: ["meta-llama/Llama-3.1-8B-Instruct"],
  originalSha256: ["e10ca381b1ccc5cf9db52e371f3b6651576caee0a630b452e2816b2d404d4b65"],
  originalNormalizedSha256: ["93c0e9aa3629bbd77e68dbc0f5621f6e6b23aa8d74b932595cdb8d64684526d7"],
  template: llama31Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|eot_id|>",
  specialTokens: { bos_token: "<|begin_of_text|>", eos_token: "<|eot_id|>" },
  differences: "",
};
