import { buildTemplateContext } from "../render/context.ts";
import { tryRender } from "../render/try-render.ts";
import { CHECK_NOW } from "./fixed-conversations.ts";
import type { TokenizerLike } from "../tokenizer/types.ts";
import type { ChatMessage, ToolDefinition } from "../types.ts";
import { INLINE_THINKING_DIALOGUE, PLAIN_DIALOGUE, REASONING_DIALOGUE, TOOL_ROUND_TRIP, WEATHER_TOOL } from "./fixed-conversations.ts";

export interface CheckResult {
  ok: boolean;
  /** What was found: the counterexample when not ok, what was covered when ok. */
  detail: string;
}

export interface CheckOptions {
  specialTokens?: Record<string, string>;
  templateKwargs?: Record<string, unknown>;
  /** Extra conversations to probe besides the fixed ones. */
  conversations?: Array<{ messages: ChatMessage[]; tools?: ToolDefinition[] }>;
}

interface Probe {
  name: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
}

function probes(options: CheckOptions): Probe[] {
  return [
    { name: "plain dialogue", messages: PLAIN_DIALOGUE },
    { name: "dialogue with reasoning", messages: REASONING_DIALOGUE },
    { name: "dialogue with reasoning in the content", messages: INLINE_THINKING_DIALOGUE },
    { name: "tool round trip", messages: TOOL_ROUND_TRIP, tools: [WEATHER_TOOL] },
    ...(options.conversations ?? []).map((c, i) => ({ name: `conversation ${i}`, ...c })),
  ];
}

function render(template: string, probe: Probe, count: number, addGenerationPrompt: boolean, options: CheckOptions): string | undefined {
  const context = buildTemplateContext(
    { messages: probe.messages.slice(0, count), ...(probe.tools ? { tools: probe.tools } : {}), add_generation_prompt: addGenerationPrompt },
    options.specialTokens,
    options.templateKwargs,
  );
  const outcome = tryRender(template, context, { now: CHECK_NOW });
  return outcome.ok ? outcome.text : undefined;
}

/**
 * Appending messages never changes the text of earlier ones: for each probe conversation, the rendering of every
 * prefix that ends with an assistant turn is a prefix of the rendering of the whole conversation. (Conversations
 * the template rejects are skipped.) With `tokenizer`, the same holds for the token ids.
 */
export function checkPrefixPreservation(template: string, options: CheckOptions = {}): CheckResult {
  let compared = 0;
  for (const probe of probes(options)) {
    const full = render(template, probe, probe.messages.length, false, options);
    if (full === undefined) continue;
    for (let count = 1; count < probe.messages.length; count++) {
      if (probe.messages[count - 1]!.role !== "assistant") continue;
      const prefix = render(template, probe, count, false, options);
      if (prefix === undefined) continue;
      compared++;
      if (!full.startsWith(prefix)) {
        return { ok: false, detail: `rendering the first ${count} messages of the ${probe.name} is not a prefix of rendering all ${probe.messages.length}` };
      }
    }
  }
  return compared > 0
    ? { ok: true, detail: `${compared} prefixes ending with an assistant turn stay prefixes` }
    : { ok: false, detail: "the template rejected every probe conversation" };
}

/** The token-level form of `checkPrefixPreservation`: earlier turns' token ids are unchanged by appended messages. */
export async function checkTokenPrefixPreservation(template: string, tokenizer: TokenizerLike, options: CheckOptions = {}): Promise<CheckResult> {
  let compared = 0;
  for (const probe of probes(options)) {
    const full = render(template, probe, probe.messages.length, false, options);
    if (full === undefined) continue;
    const fullIds = (await tokenizer.encode(full)).ids;
    for (let count = 1; count < probe.messages.length; count++) {
      if (probe.messages[count - 1]!.role !== "assistant") continue;
      const prefix = render(template, probe, count, false, options);
      if (prefix === undefined) continue;
      compared++;
      const ids = (await tokenizer.encode(prefix)).ids;
      if (!ids.every((id, i) => fullIds[i] === id)) {
        return { ok: false, detail: `the tokens of the first ${count} messages of the ${probe.name} change when the rest is appended` };
      }
    }
  }
  return compared > 0
    ? { ok: true, detail: `${compared} prefixes keep their tokens` }
    : { ok: false, detail: "the template rejected every probe conversation" };
}

export function isPrefixPreserving(template: string, options: CheckOptions = {}): boolean {
  return checkPrefixPreservation(template, options).ok;
}
