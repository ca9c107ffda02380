import type { TrainingTemplate } from "@training-templates/core";
import glm45Template from "../templates/glm-4.5.jinja";
import { glm45TextDiffers } from "./glm-4.5-differences.ts";
import { glm45OriginalPatches } from "./glm-4.5-original-patches.ts";

/**
 * GLM-4.5 (GLM-4-MoE): `[gMASK]<sop>`, `<|system|>`/`<|user|>`/`<|assistant|>`/`<|observation|>` role tokens, a
 * think block on every assistant turn and XML-like `<tool_call>` blocks. A turn has no end token of its own: the
 * model stops by writing the next role token, so the training template has each assistant turn write that token
 * (`<|observation|>` after tool calls, else `<|user|>`) inside its span, and keeps every turn's reasoning.
 */
export const glm45: TrainingTemplate = {
  id: "glm-4.5",
  family: "glm",
  displayName: "GLM-4.5",
  models: ["zai-org/GLM-4.5"],
  originalSha256: ["44f815868bf02fa458dd2f741a338046f4bf45f398eb6d067766726b9d96cce3"],
  originalNormalizedSha256: ["44f815868bf02fa458dd2f741a338046f4bf45f398eb6d067766726b9d96cce3"],
  template: glm45Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|user|>",
  specialTokens: { eos_token: "<|endoftext|>" },
  differences:
    "Each assistant turn ends with the stop token GLM writes (<|observation|> after tool calls, else <|user|>): the " +
    "original writes it only as the next message's role token, so a conversation ending with an assistant turn " +
    "(or a turn followed by another role) gains that token. Every assistant turn keeps its reasoning " +
    "(<think>…</think>); the original writes it only after the last user message. With enable_thinking=false an " +
    "empty think block is part of the prompt, not trained.",
  textDiffersFromOriginal: (conversation) => glm45TextDiffers(conversation.messages),
  originalPatches: glm45OriginalPatches,
};
