/** The special tokens Command R and Aya Expanse tokenizers pass to their chat templates. */
export const COHERE_SPECIAL_TOKENS = { bos_token: "<BOS_TOKEN>", eos_token: "<|END_OF_TURN_TOKEN|>" };

/** Every special token the Command R / Aya Expanse templates write. */
export const COHERE_TEMPLATE_TOKENS = [
  "<BOS_TOKEN>",
  "<|START_OF_TURN_TOKEN|>",
  "<|END_OF_TURN_TOKEN|>",
  "<|USER_TOKEN|>",
  "<|CHATBOT_TOKEN|>",
  "<|SYSTEM_TOKEN|>",
];
