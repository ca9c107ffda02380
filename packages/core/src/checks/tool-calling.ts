import { buildTemplateContext } from "../render/context.ts";
import { tryRender } from "../render/try-render.ts";
import { CHECK_NOW, TOOL_ROUND_TRIP, WEATHER_TOOL } from "./fixed-conversations.ts";
import type { CheckOptions, CheckResult } from "./prefix-preservation.ts";

/**
 * Whether the template renders a tool round trip: the tools listed, the assistant's call (name and arguments) and
 * the tool's result all reach the text. A template that drops tool calls cannot train a model to make them.
 */
export function checkToolCalling(template: string, options: CheckOptions = {}): CheckResult {
  const context = buildTemplateContext({ messages: TOOL_ROUND_TRIP, tools: [WEATHER_TOOL] }, options.specialTokens, options.templateKwargs);
  const outcome = tryRender(template, context, { now: CHECK_NOW });
  if (!outcome.ok) return { ok: false, detail: `the template rejects a tool round trip: ${outcome.error}` };
  const { text } = outcome;
  const missing = [
    ["the tool's description", "Get the current weather in a city."],
    ["the call's name", "get_weather"],
    ["the call's arguments", "Paris"],
    ["the tool's result", "22°C and sunny"],
  ].filter(([, needle]) => !text.includes(needle!));
  if (missing.length > 0) return { ok: false, detail: `a tool round trip renders without ${missing.map(([what]) => what).join(", ")}` };
  return { ok: true, detail: "tools, the call and its result all render" };
}

export function supportsToolCalling(template: string, options: CheckOptions = {}): boolean {
  return checkToolCalling(template, options).ok;
}
