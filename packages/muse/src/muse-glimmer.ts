import type { TrainingTemplate } from "@training-templates/core";
import museGlimmerTemplate from "../templates/muse-glimmer.jinja";
import { glimmerTextDiffers } from "./glimmer-differences.ts";
import { museGlimmerOriginalPatches } from "./glimmer-original-patches.ts";

/**
 * Muse Glimmer (ATEM protocol). An assistant message is one or more channel blocks
 * `<|start|>assistant to=<recipient><|message|>…<|eom|>` or `…<|eot|>`: `self` for reasoning (`reasoning_content`),
 * a tool's name for each call (XML arguments), and `user` (or the message's `recipient`) for the answer. The
 * generation prompt is the bare `<|start|>assistant`, so it stays untrained and the model's part starts at the first
 * block's ` to=`; later blocks' `<|start|>assistant` and every terminator are the model's and trained.
 */
export const museGlimmer: TrainingTemplate = {
  id: "muse-glimmer",
  family: "muse",
  displayName: "Muse Glimmer",
  models: ["meta-models/Muse-Glimmer-30B"],
  originalSha256: ["cfc67e5f349f37690dfd31ed1f18bc4442a9dd32fe39a648f993cb4eb3cae678"],
  originalNormalizedSha256: ["6cd0e94d9b489fdb9a000743791f20e7e52b62c1e5cbb66fcc91c6716595223a"],
  template: museGlimmerTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|eot|>",
  // The corpus records no special tokens; these are the ones the template writes. Its `bos_token` is unknown, so
  // none is passed (the original then writes nothing before the system block).
  specialTokens: { eos_token: "<|eot|>" },
  differences:
    "A tool-call message always ends with <|eot|> (the original writes <|eom|> when an assistant message follows " +
    "it), and a tool result without `name` is named by the latest earlier call with its `tool_call_id` (the " +
    "original also searched later messages). Earlier turns then keep their text and tokens when messages are " +
    "appended (prefix-preserving).",
  textDiffersFromOriginal: glimmerTextDiffers,
  originalPatches: museGlimmerOriginalPatches,
};
