/**
 * The tokens a base model's tokenizer must gain, as special tokens, before training with the `chatml` template:
 * each must be one token (never split into pieces of text), and `<|im_end|>` is what generation stops on.
 */
export const chatmlSpecialTokens: readonly string[] = ["<|im_start|>", "<|im_end|>"];

/**
 * Tags of tool calls and reasoning. The template writes them as text, so they are not required; add them as
 * ordinary (non-special) added tokens when training tools or reasoning, as Qwen's and Hermes' tokenizers have them:
 * each is then one token, and servers' parsers that look them up in the vocabulary (vLLM's `hermes` tool parser,
 * its `<think>` reasoning parsers) find them. Not special, because decoding with `skip_special_tokens=True` (what
 * serving stacks do) drops special tokens, and with them the tags the parsers need.
 */
export const chatmlToolAndReasoningTokens: readonly string[] = ["<tool_call>", "</tool_call>", "<think>", "</think>"];

/** The token generation must stop on: set it as the model's `eos_token` (tokenizer and generation config). */
export const chatmlEosToken = "<|im_end|>";
