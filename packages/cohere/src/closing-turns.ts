import type { ChatMessage } from "@training-templates/core";

/**
 * True when the Command R tool-use or RAG original renders an assistant turn: those conversations are the ones whose
 * text the training templates change, by writing the closing turns before every assistant turn instead of once after
 * the last message. The originals' `loop_messages` are the messages without a leading system message.
 */
export function rendersAnAssistantTurn(messages: readonly ChatMessage[]): boolean {
  const loopMessages = messages[0]?.role === "system" ? messages.slice(1) : messages;
  return loopMessages.some((message) => message.role === "assistant");
}

/** The text between the first `open` in `text` and the next `close`: a piece the training template defines once. */
export function textBetween(text: string, open: string, close: string): string {
  const start = text.indexOf(open);
  const end = start === -1 ? -1 : text.indexOf(close, start + open.length);
  if (end === -1) throw new Error(`The training template lost ${JSON.stringify(open)} … ${JSON.stringify(close)}`);
  return text.slice(start + open.length, end);
}
