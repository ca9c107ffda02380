import type { TrainingTemplate } from "@training-templates/core";
import chatmlTemplate from "../templates/chatml.jinja";

/**
 * ChatML for base models that ship no chat template (GPT-2, GPT-NeoX, Bloom, OPT, T5, pretrained checkpoints…):
 * `<|im_start|>{role}\n{content}<|im_end|>\n` per message, Qwen2.5-style tools. There is no vendor original, so
 * nothing to recognise by fingerprint; the model's tokenizer needs `chatmlSpecialTokens` added and its eos set to
 * `<|im_end|>`.
 */
export const chatml: TrainingTemplate = {
  id: "chatml",
  family: "chatml",
  displayName: "ChatML (for base models)",
  models: [],
  originalSha256: [],
  originalNormalizedSha256: [],
  template: chatmlTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  // The template reads no special-token variable; this says which token must be the model's eos.
  specialTokens: { eos_token: "<|im_end|>" },
  differences:
    "No vendor original: the text is the documented format (OpenAI's ChatML, Qwen2.5-style tools, see the README), " +
    "which the conformance test renders with a marker-free reference template.",
};
