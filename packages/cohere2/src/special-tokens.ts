/** The special tokens Command R7B's tokenizer passes to its chat templates (Tiny Aya's are assumed the same). */
export const COHERE2_SPECIAL_TOKENS = { bos_token: "<BOS_TOKEN>", eos_token: "<|END_OF_TURN_TOKEN|>" };

/** Every special token the Command R7B and Tiny Aya templates write. */
export const COHERE2_TEMPLATE_TOKENS = [
  "<BOS_TOKEN>",
  "<|START_OF_TURN_TOKEN|>",
  "<|END_OF_TURN_TOKEN|>",
  "<|USER_TOKEN|>",
  "<|CHATBOT_TOKEN|>",
  "<|SYSTEM_TOKEN|>",
  "<|START_RESPONSE|>",
  "<|END_RESPONSE|>",
  "<|START_THINKING|>",
  "<|END_THINKING|>",
  "<|START_ACTION|>",
  "<|END_ACTION|>",
  "<|START_TOOL_RESULT|>",
  "<|END_TOOL_RESULT|>",
];
