import type { TrainingTemplate } from "@training-templates/core";
import gptOss20bTemplate from "../templates/gpt-oss-20b.jinja";
import { rendersTurnsDifferently } from "./harmony-turns.ts";
import { gptOss20bOriginalPatches } from "./gpt-oss-original-patches.ts";

/**
 * GPT-OSS (harmony format). An assistant turn is one or two harmony messages the model writes after the
 * `<|start|>assistant` generation prompt: an optional `analysis` message (from `thinking`, or a tool-call turn's
 * `content`), then a `final` message ending with `<|return|>` or a `commentary` tool call ending with `<|call|>`.
 * The original drops past reasoning and ends past final messages with `<|end|>`; the training template writes every
 * turn as the original writes the last one in training (see `gptOss20bOriginalPatches`).
 */
export const gptOss20b: TrainingTemplate = {
  id: "gpt-oss-20b",
  family: "gpt-oss",
  displayName: "GPT-OSS",
  models: ["openai/gpt-oss-20b", "openai/gpt-oss-120b"],
  originalSha256: ["a4c9919cbbd4acdd51ccffe22da049264b1b73e59055fa58811a99efbd7c8146"],
  originalNormalizedSha256: ["a4c9919cbbd4acdd51ccffe22da049264b1b73e59055fa58811a99efbd7c8146"],
  template: gptOss20bTemplate,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|return|>",
  specialTokens: { bos_token: "<|startoftext|>", eos_token: "<|return|>" },
  differences:
    "Every assistant turn renders as the original renders the last one with add_generation_prompt=false: a final " +
    "message keeps its analysis message (`thinking`) and ends with <|return|> instead of <|end|>, and a tool-call " +
    "turn keeps its analysis message when a final message follows. Earlier turns then keep their text and tokens " +
    "when messages are appended (prefix-preserving).",
  textDiffersFromOriginal: (conversation) => rendersTurnsDifferently(conversation),
  originalPatches: gptOss20bOriginalPatches,
};
