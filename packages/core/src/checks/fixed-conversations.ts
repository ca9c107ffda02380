import type { ChatMessage, ToolDefinition } from "../types.ts";

/** Small fixed conversations the checks render, as TRL's own checks probe templates. */

/** The checks' clock for `strftime_now`: fixed, so a check answers the same on every run. */
export const CHECK_NOW = () => new Date(2025, 0, 15);

export const WEATHER_TOOL_DESCRIPTION = "Get the current weather in a city.";

export const WEATHER_TOOL: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    description: WEATHER_TOOL_DESCRIPTION,
    parameters: { type: "object", properties: { city: { type: "string", description: "The city." } }, required: ["city"] },
  },
};

export const PLAIN_DIALOGUE: ChatMessage[] = [
  { role: "user", content: "What color is the sky?" },
  { role: "assistant", content: "It is blue." },
  { role: "user", content: "And at night?" },
  { role: "assistant", content: "It is black." },
];

export const REASONING_DIALOGUE: ChatMessage[] = [
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "4", reasoning_content: "Two plus two makes four." },
  { role: "user", content: "And 3 + 3?" },
  { role: "assistant", content: "6", reasoning_content: "Three plus three makes six." },
];

/** Reasoning written inside the content, as many datasets carry it: templates that cut it from past turns differ here. */
export const INLINE_THINKING_DIALOGUE: ChatMessage[] = [
  { role: "user", content: "What is 2 + 2?" },
  { role: "assistant", content: "<think>\nTwo plus two makes four.\n</think>\n\n4" },
  { role: "user", content: "And 3 + 3?" },
  { role: "assistant", content: "<think>\nThree plus three makes six.\n</think>\n\n6" },
];

/**
 * A tool round trip whose call is written in one of the shapes datasets use: `content` "" or null, `arguments` an
 * object or a JSON string. Vendors' templates accept different ones.
 */
export function toolRoundTrip(callContent: "" | null = "", argumentsAs: "object" | "string" = "object"): ChatMessage[] {
  const args = { city: "Paris" };
  return [
    { role: "user", content: "What is the weather in Paris?" },
    {
      role: "assistant",
      content: callContent,
      tool_calls: [{ type: "function", function: { name: "get_weather", arguments: argumentsAs === "object" ? args : JSON.stringify(args) } }],
    },
    { role: "tool", content: "22°C and sunny", name: "get_weather" },
    { role: "assistant", content: "It is 22°C and sunny in Paris." },
    { role: "user", content: "Thanks!" },
    { role: "assistant", content: "You are welcome." },
  ];
}

export const TOOL_ROUND_TRIP: ChatMessage[] = toolRoundTrip();
