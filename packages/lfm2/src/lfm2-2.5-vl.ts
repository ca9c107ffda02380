import type { TrainingTemplate } from "@training-templates/core";
import lfm25VlTemplate from "../templates/lfm2-2.5-vl.jinja";

/**
 * LFM2.5-VL: LFM2.5's rendering, markers included, plus content blocks (`{type: "image"}` writes `<image>`, text
 * blocks their text, any other block as JSON), `reasoning`/`reasoning_content` as well as `thinking`, and flat tool
 * calls (`{name, arguments}` without `function`). Liquid ships `{%- generation -%}` markers and they pass the kit, so
 * the training template is the vendor's file unchanged (templates/lfm2-2.5-vl.jinja is byte-identical to it).
 * Train with `preserve_thinking=true`, as LFM2.5: by default past reasoning is dropped once a user message follows.
 */
export const lfm25Vl: TrainingTemplate = {
  id: "lfm2-2.5-vl",
  family: "lfm2",
  displayName: "LFM2.5-VL",
  models: ["LiquidAI/LFM2.5-VL-3B"],
  originalSha256: ["86f4770449a4797c9b4212d110b0cc70fb993c1ce960095bcfb12eea22f61cca"],
  originalNormalizedSha256: ["7822d3aa6f6eac57e1caf03cea6a06def2081fcb75d2e73d2cb0c1adb0077514"],
  template: lfm25VlTemplate,
  supportsTools: true,
  multimodal: true,
  endOfTurn: "<|im_end|>",
  specialTokens: { bos_token: "<|startoftext|>", eos_token: "<|im_end|>" },
  differences: "",
  defaultKwargs: { preserve_thinking: true },
};
