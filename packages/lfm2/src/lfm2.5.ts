import type { TrainingTemplate } from "@training-templates/core";
import lfm25Template from "../templates/lfm2.5.jinja";

/**
 * LFM2.5: Liquid ships this template with `{%- generation -%}` markers around each assistant turn, so the training
 * template is the vendor's file unchanged (templates/lfm2.5.jinja is byte-identical to it) and recognising it asks
 * for no replacement. Tool calls render as `<|tool_call_start|>[name(arg=value, …)]<|tool_call_end|>`.
 * Train with `preserve_thinking=true`: by default the template drops the reasoning of turns before the last user
 * message (`thinking`, and anything up to `</think>` in the content), so earlier turns change as messages follow.
 */
export const lfm25: TrainingTemplate = {
  id: "lfm2.5",
  family: "lfm2",
  displayName: "LFM2.5",
  models: ["LiquidAI/LFM2.5-230M"],
  originalSha256: ["6d65c8804847ad74eea912dd7eca3dc1cf7a457b53a77f47d841a14121910963"],
  originalNormalizedSha256: ["6d65c8804847ad74eea912dd7eca3dc1cf7a457b53a77f47d841a14121910963"],
  template: lfm25Template,
  supportsTools: true,
  multimodal: false,
  endOfTurn: "<|im_end|>",
  specialTokens: { bos_token: "<|startoftext|>", eos_token: "<|im_end|>" },
  differences: "",
  defaultKwargs: { preserve_thinking: true },
};
