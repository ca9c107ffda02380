import type { ChatMessage, Conversation } from "@training-templates/core";

/** How a Nemotron 3 original joins `reasoning_content` to the content, and whether it trims what survives truncation. */
export interface ReasoningLayout {
  /** Between the reasoning and the content: `\n</think>\n` (Nano, Super) or `</think>` (Ultra, 3.5 Lightning). */
  closeThink: string;
  /** Nano and Super trim the content kept after `</think>` in a truncated tool-call turn; Ultra and Lightning do not. */
  trimsTruncatedToolCallContent: boolean;
}

/** Nano's and Super's layout: reasoning closed by `\n</think>\n`, the content kept after truncation trimmed. */
export const NANO_SUPER_REASONING_LAYOUT: ReasoningLayout = { closeThink: "\n</think>\n", trimsTruncatedToolCallContent: true };

/**
 * Ultra's layout, which Nemotron 3.5 Lightning shares (its template is Ultra's without `medium_effort`): reasoning
 * closed by a bare `</think>`, and the content kept after it in a truncated tool-call turn left untrimmed.
 */
export const ULTRA_REASONING_LAYOUT: ReasoningLayout = { closeThink: "</think>", trimsTruncatedToolCallContent: false };

// Python's str.strip() whitespace (Jinja's `trim`), which differs from JavaScript's String.prototype.trim.
const PY_SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
const pyStrip = (text: string) => text.replace(new RegExp(`^[${PY_SPACE}]+|[${PY_SPACE}]+$`, "g"), "");

const lastPart = (text: string, separator: string) => text.split(separator).at(-1) ?? "";

/** The `content` the original builds for an assistant turn, or undefined when it is not text (a list of blocks). */
function turnContent(message: ChatMessage, layout: ReasoningLayout): string | undefined {
  // Jinja's `default('', true)`: every falsy value, the empty list included, becomes ''.
  const given = !message.content || (Array.isArray(message.content) && message.content.length === 0) ? "" : message.content;
  if (typeof given !== "string") return undefined;
  const reasoning = message.reasoning_content;
  if (typeof reasoning === "string" && pyStrip(reasoning) !== "") return `<think>\n${reasoning}${layout.closeThink}${given}`;
  return given.includes("<think>") || given.includes("</think>") ? given : `<think></think>${given}`;
}

/** What the original writes between the header and `<|im_end|>`, kept whole and truncated: do they differ? */
function truncationChangesTurn(message: ChatMessage, layout: ReasoningLayout): boolean {
  const content = turnContent(message, layout);
  if (content === undefined) return true;
  const toolCalls = message.tool_calls;
  if (Array.isArray(toolCalls) && toolCalls.length > 0) {
    if (pyStrip(content) === "") return false;
    let kept = content;
    if (kept.includes("</think>")) kept = lastPart(kept, "</think>");
    else if (kept.includes("<think>")) kept = kept.split("<think>")[0] ?? "";
    const truncated = `<think></think>${layout.trimsTruncatedToolCallContent ? pyStrip(kept) : kept}`;
    return `${pyStrip(content)}\n` !== `${truncated}\n`;
  }
  let truncated = content;
  if (truncated.includes("<think>") && truncated.includes("</think>")) truncated = `<think></think>${lastPart(truncated, "</think>")}`;
  return pyStrip(content) !== pyStrip(truncated);
}

/**
 * True when a Nemotron 3 original, with its default `truncate_history_thinking`, renders some assistant turn before
 * the last user message differently from the training template (which never truncates): exactly the conversations
 * whose text the training template changes. Turns whose content is not text count as changed.
 */
export function truncatesSomeTurn(conversation: Conversation, layout: ReasoningLayout): boolean {
  const messages = conversation.messages[0]?.role === "system" ? conversation.messages.slice(1) : conversation.messages;
  const lastUser = messages.findLastIndex((message) => message.role === "user");
  return messages.some((message, index) => message.role === "assistant" && index < lastUser && truncationChangesTurn(message, layout));
}
