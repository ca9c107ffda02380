import { buildTemplateContext } from "../render/context.ts";
import { hasGenerationMarkers } from "../render/scan-template.ts";
import { tryRender } from "../render/try-render.ts";
import { CHECK_NOW, toolRoundTrip, WEATHER_TOOL, WEATHER_TOOL_DESCRIPTION } from "./fixed-conversations.ts";
import type { CheckOptions, CheckResult } from "./prefix-preservation.ts";

/** The call's shapes tried, the common one first: a template passes when one of them renders whole. */
const CALL_SHAPES = [
  { content: "", argumentsAs: "object", description: "" },
  { content: null, argumentsAs: "object", description: " (with the call's content null)" },
  { content: "", argumentsAs: "string", description: " (with the call's arguments as a JSON string)" },
  { content: null, argumentsAs: "string", description: " (with the call's content null and its arguments as a JSON string)" },
] as const;

/**
 * Whether the template renders a tool round trip: the tools listed, the assistant's call (name and arguments) and
 * the tool's result all reach the text. A template that drops tool calls cannot train a model to make them. Some
 * vendors (DeepSeek V3, R1) write no tool list: the call and its result still train, with the tools described in a
 * system message by the data, so that passes too, and says so.
 */
export function checkToolCalling(template: string, options: CheckOptions = {}): CheckResult {
  const results = CALL_SHAPES.map((shape) => checkShape(template, options, shape));
  const passed = results.find((result) => result.ok);
  return passed ?? results[0]!;
}

function checkShape(template: string, options: CheckOptions, shape: (typeof CALL_SHAPES)[number]): CheckResult {
  const messages = toolRoundTrip(shape.content, shape.argumentsAs);
  const context = buildTemplateContext({ messages, tools: [WEATHER_TOOL] }, options.specialTokens, options.templateKwargs);
  const outcome = tryRender(template, context, { now: CHECK_NOW });
  if (!outcome.ok) return { ok: false, detail: `the template rejects a tool round trip: ${outcome.error}` };
  const { text, spans } = outcome;
  const missing = [
    ["the tool's description", WEATHER_TOOL_DESCRIPTION],
    ["the call's name", "get_weather"],
    ["the call's arguments", "Paris"],
    ["the tool's result", "22°C and sunny"],
  ].filter(([, needle]) => !text.includes(needle!));
  const callTrains = spans.some(([start, end]) => text.slice(start, end).includes("get_weather"));
  if (hasGenerationMarkers(template) && !callTrains) {
    return { ok: false, detail: `the call renders${shape.description} outside every generation span: it would not train` };
  }
  if (missing.length === 0) return { ok: true, detail: `tools, the call and its result all render${shape.description}` };
  if (missing.length === 1 && missing[0]![1] === WEATHER_TOOL_DESCRIPTION) {
    return { ok: true, detail: `the call and its result render${shape.description}; the template writes no tool list (describe the tools in a system message)` };
  }
  return { ok: false, detail: `a tool round trip renders without ${missing.map(([what]) => what).join(", ")}` };
}

export function supportsToolCalling(template: string, options: CheckOptions = {}): boolean {
  return checkToolCalling(template, options).ok;
}
