import type { TrainingTemplate } from "@training-templates/core";
import llavaNextTemplate from "../templates/llava-next.jinja";
import { endsWithReply, llavaNextOriginalPatches } from "./llava-next-original-patches.ts";

/**
 * LLaVA-NeXT (LLaVA 1.6) on Mistral 7B Instruct v0.2, llava-hf's processor template: `[INST] <image>\n… [/INST]`
 * user turns, each reply ` {text}</s> `, an optional `<<SYS>>` block; it reads `content[0]['text']`, so every message
 * is a list of content blocks. It has no generation prompt: the reply starts right after ` [/INST]`. What the model
 * writes there, ` {text}</s>`, is trained. The space the original writes after `</s>` goes before the next message
 * instead (`llavaNextOriginalPatches`), so a conversation ending with a reply ends at `</s>`.
 */
export const llavaNext: TrainingTemplate = {
  id: "llava-next",
  family: "llava",
  displayName: "LLaVA-NeXT (Mistral)",
  models: ["llava-hf/llava-v1.6-mistral-7b-hf"],
  originalSha256: ["2c17243a977fd0643fb549a509a8e2684f45517df0f9f608d5893b719f16569f"],
  originalNormalizedSha256: ["2c17243a977fd0643fb549a509a8e2684f45517df0f9f608d5893b719f16569f"],
  template: llavaNextTemplate,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "</s>",
  specialTokens: { bos_token: "<s>", eos_token: "</s>", image_token: "<image>" },
  differences:
    "A conversation ending with a reply ends at </s>: the original writes `</s> ` after every reply, and that final space tokenizes differently once the next ` [INST]` follows, so earlier turns' tokens would change as messages are appended. The space now goes before the message that follows a reply (the same text between messages).",
  textDiffersFromOriginal: endsWithReply,
  originalPatches: llavaNextOriginalPatches,
};
