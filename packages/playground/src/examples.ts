/** Conversations to start from: each exercises something a template may render differently. */
export const EXAMPLES: ReadonlyArray<{ name: string; conversation: unknown }> = [
  {
    name: "Multi-turn, with a system prompt",
    conversation: {
      messages: [
        { role: "system", content: "You are a concise assistant." },
        { role: "user", content: "What is the capital of France?" },
        { role: "assistant", content: "Paris." },
        { role: "user", content: "And of Italy?" },
        { role: "assistant", content: "Rome." },
      ],
    },
  },
  {
    name: "Tools: a call and its result",
    conversation: {
      tools: [
        {
          type: "function",
          function: {
            name: "get_weather",
            description: "Get the current weather in a city.",
            parameters: { type: "object", properties: { city: { type: "string", description: "The city." } }, required: ["city"] },
          },
        },
      ],
      messages: [
        { role: "user", content: "What's the weather in Paris?" },
        { role: "assistant", content: "", tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }] },
        { role: "tool", content: "22°C and sunny" },
        { role: "assistant", content: "It is 22°C and sunny in Paris." },
      ],
    },
  },
  {
    name: "Reasoning (reasoning_content)",
    conversation: {
      messages: [
        { role: "user", content: "Is 391 prime?" },
        { role: "assistant", reasoning_content: "391 = 17 × 23, so it has divisors besides 1 and itself.", content: "No: 391 = 17 × 23." },
        { role: "user", content: "And 389?" },
        { role: "assistant", reasoning_content: "No prime up to 19 divides 389.", content: "Yes, 389 is prime." },
      ],
      chat_template_kwargs: { enable_thinking: true },
    },
  },
  {
    name: "Unicode: emoji, CJK, right-to-left, combining marks",
    conversation: {
      messages: [
        { role: "user", content: "Say hello in three scripts 👋" },
        { role: "assistant", content: "你好 · مرحبا · नमस्ते 🙂 (and e\u0301 with a combining accent)" },
      ],
    },
  },
];
