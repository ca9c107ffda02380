import fc from "fast-check";
import type { ChatMessage, ToolDefinition } from "../types.ts";
import { textArbitrary } from "./text.ts";
import { toolCallArbitrary, toolResultArbitrary } from "./tools.ts";

export interface TurnOptions {
  /** The listed tools; no tool calls without them. */
  tools: ToolDefinition[] | undefined;
  toolCallsPerTurn: "one" | "many";
  reasoning: boolean;
}

/** One exchange: the user's message, then what the assistant does (tool rounds, then its reply). */
export interface Turn {
  user: ChatMessage;
  assistant: ChatMessage[];
}

type ReasoningStyle = "none" | "field" | "inline";

/** How an assistant message carries its reasoning: not at all, in `reasoning_content`, or inline in `<think>` tags. */
const reasoningStyle = (enabled: boolean): fc.Arbitrary<ReasoningStyle> =>
  enabled
    ? fc.oneof(
        { arbitrary: fc.constant<ReasoningStyle>("none"), weight: 2 },
        { arbitrary: fc.constant<ReasoningStyle>("field"), weight: 2 },
        { arbitrary: fc.constant<ReasoningStyle>("inline"), weight: 1 },
      )
    : fc.constant<ReasoningStyle>("none");

/** Layouts vendors use around inline reasoning (Qwen3 writes `<think>\n…\n</think>\n\n`). */
const inlineThinkLayout = fc.record({
  afterOpen: fc.constantFrom("", "\n"),
  beforeClose: fc.constantFrom("", "\n"),
  afterClose: fc.constantFrom("", "\n", "\n\n"),
});

function assistantMessage(
  content: fc.Arbitrary<string | null>,
  reasoning: boolean,
  extra: Partial<ChatMessage> = {},
): fc.Arbitrary<ChatMessage> {
  return fc
    .record({ content, style: reasoningStyle(reasoning), thought: textArbitrary(), layout: inlineThinkLayout })
    .map(({ content, style, thought, layout }) => {
      if (style === "inline") {
        const think = `<think>${layout.afterOpen}${thought}${layout.beforeClose}</think>${layout.afterClose}`;
        return { role: "assistant", content: think + (content ?? ""), ...extra };
      }
      return {
        role: "assistant",
        content,
        ...(style === "field" ? { reasoning_content: thought } : {}),
        ...extra,
      };
    });
}

/** The assistant calling tools, then one tool message per call. */
function toolRound(tools: ToolDefinition[], options: TurnOptions): fc.Arbitrary<ChatMessage[]> {
  const callCount = options.toolCallsPerTurn === "one" ? 1 : 3;
  return fc
    .array(toolCallArbitrary(tools), { minLength: 1, maxLength: callCount })
    .chain((toolCalls) =>
      fc.tuple(
        assistantMessage(
          fc.oneof(
            { arbitrary: fc.constant(""), weight: 3 },
            { arbitrary: textArbitrary(), weight: 2 },
            { arbitrary: fc.constant(null), weight: 1 },
          ),
          options.reasoning,
          { tool_calls: toolCalls },
        ),
        fc.tuple(...toolCalls.map(() => toolResultArbitrary())),
      ).map(([call, results]) => [
        call,
        ...results.map((content, i): ChatMessage => {
          const id = toolCalls[i]?.id;
          return { role: "tool", content, ...(id === undefined ? {} : { tool_call_id: id }) };
        }),
      ]),
    );
}

export function turnArbitrary(options: TurnOptions): fc.Arbitrary<Turn> {
  const tools = options.tools;
  const rounds =
    tools && tools.length > 0
      ? fc.oneof(
          { arbitrary: fc.constant(0), weight: 6 },
          { arbitrary: fc.constant(1), weight: 3 },
          { arbitrary: fc.constant(2), weight: 1 },
        )
      : fc.constant(0);
  return fc
    .record({
      user: textArbitrary().map((content): ChatMessage => ({ role: "user", content })),
      toolRounds: rounds.chain((count) => fc.tuple(...Array.from({ length: count }, () => toolRound(tools ?? [], options)))),
      reply: assistantMessage(textArbitrary(), options.reasoning),
    })
    .map(({ user, toolRounds, reply }) => ({ user, assistant: [...toolRounds.flat(), reply] }));
}
