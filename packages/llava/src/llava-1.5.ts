import type { Conversation, TrainingTemplate } from "@training-templates/core";
import llava15Template from "../templates/llava-1.5.jinja";
import { llava15OriginalPatches } from "./llava-1.5-original-patches.ts";

/**
 * LLaVA 1.5 (Vicuna 7B/13B with a CLIP projector), llava-hf's processor template: `USER: <image>\n… ASSISTANT: …`,
 * every message a list of content blocks. The vendor's template already has `{% generation %}` markers, but it
 * writes no `</s>` and marks the reply from after `ASSISTANT: ` (the generation prompt is `ASSISTANT:`, so the
 * space the model writes first is left out) plus a trailing space that tokenizes into the next role header. This
 * one ends each reply with `</s>`, as LLaVA was trained, and trains ` reply</s>` after `ASSISTANT:`.
 */
export const llava15: TrainingTemplate = {
  id: "llava-1.5",
  family: "llava",
  displayName: "LLaVA 1.5",
  models: ["llava-hf/llava-1.5-7b-hf"],
  originalSha256: ["6fef09c05345e88b9f85e80bcb3491003332050750586568bdf91cfa81965d0c"],
  originalNormalizedSha256: ["6fef09c05345e88b9f85e80bcb3491003332050750586568bdf91cfa81965d0c"],
  template: llava15Template,
  supportsTools: false,
  multimodal: true,
  endOfTurn: "</s>",
  specialTokens: { bos_token: "<s>", eos_token: "</s>", pad_token: "<pad>", image_token: "<image>" },
  differences:
    "Each assistant reply ends with </s> instead of a trailing space (the original never writes the eos, so the model would not learn to stop; LLaVA's Vicuna v1 format ends replies with </s>). The vendor's own markers are replaced: they left out the space after the `ASSISTANT:` generation prompt and trained the trailing space, whose token belongs to the next role header.",
  textDiffersFromOriginal: (conversation: Conversation) => conversation.messages.some((message) => message.role === "assistant"),
  originalPatches: llava15OriginalPatches,
};
