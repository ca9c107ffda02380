import type { TrainingTemplate } from "@training-templates/core";
import mistralV01Template from "../templates/mistral-v0.1.jinja";

/**
 * Mistral 7B Instruct v0.1 and v0.2 (Mistral's "v1" tokenizer template with an optional system message):
 * ` [INST] … [/INST]` user turns, each reply ` {content}</s>`; the system message is prepended to the first user
 * turn; no tools. What the model writes after `[/INST]`, eos included, is trained.
 */
export const mistralV01: TrainingTemplate = {
  id: "mistral-v0.1",
  family: "mistral",
  displayName: "Mistral 7B Instruct v0.1/v0.2",
  models: ["mistralai/Mistral-7B-Instruct-v0.1", "mistralai/Mistral-7B-Instruct-v0.2", "mistralai/Mixtral-8x7B-Instruct-v0.1"],
  originalSha256: ["796853172235ab3aaa4810013ddfe2eab481bda3306dad4f700c00d436eed596"],
  originalNormalizedSha256: ["bbc58aad99454df60138be9530c9601a0adfe3d8932cda975e1f10b2410ddc51"],
  template: mistralV01Template,
  supportsTools: false,
  multimodal: false,
  endOfTurn: "</s>",
  specialTokens: { bos_token: "<s>", eos_token: "</s>" },
  differences: "",
};
