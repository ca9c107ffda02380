import type { OriginalPatch } from "@training-templates/core";

/**
 * The `olmo-3-think` prefix-preservation fix, as an exact textual patch of the vendor's original: applied to it, the
 * original renders what the training template renders.
 */
export const olmo3ThinkOriginalPatches: OriginalPatch[] = [
  {
    find: "{% if not loop.last %}{{ '<|im_end|>' + '\n' }}{% else %}{{ eos_token }}{% endif %}",
    replace: "{{ '<|im_end|>' + '\n' }}",
    why:
      "The original ends an assistant turn with eos_token (<|endoftext|>) when it is the last message and with " +
      "<|im_end|>\\n otherwise, so appending a message changes that turn's text and its trained stop token. Every " +
      "assistant turn now ends with <|im_end|>\\n, which OLMo 3's generation also stops on.",
  },
];
