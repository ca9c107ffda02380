import { pythonStrip, type ChatMessage } from "@training-templates/core";

/**
 * What the Qwen3.5 original's `render_content` writes for a user message, as far as its `last_query_index` test
 * needs: the text, with each image or video as its placeholder (the `Picture N: ` prefix of `add_vision_id` comes
 * after a placeholder's start, so it cannot change whether the text starts or ends like a tool response).
 */
function renderedUserContent(content: ChatMessage["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((item) => {
      if ("image" in item || "image_url" in item || item.type === "image") return "<|vision_start|><|image_pad|><|vision_end|>";
      if ("video" in item || item.type === "video") return "<|vision_start|><|video_pad|><|vision_end|>";
      return typeof item.text === "string" ? item.text : "";
    })
    .join("");
}

/**
 * The index the Qwen3.5/3.6 originals call `last_query_index`: the last user message whose trimmed content is not a
 * `<tool_response>…</tool_response>` wrapper; undefined when there is none (the originals then raise).
 */
function lastQueryIndex(messages: readonly ChatMessage[]): number | undefined {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index]!;
    if (message.role !== "user") continue;
    const content = pythonStrip(renderedUserContent(message.content));
    if (!(content.startsWith("<tool_response>") && content.endsWith("</tool_response>"))) return index;
  }
  return undefined;
}

/**
 * True when the Qwen3.5/3.6 original writes some assistant turn without its think block: a turn before the last
 * user query. Exactly the conversations whose text the training templates (a think block on every turn) render
 * differently.
 */
export function omitsEarlierThinkBlock(messages: readonly ChatMessage[]): boolean {
  const lastQuery = lastQueryIndex(messages);
  if (lastQuery === undefined) return false;
  return messages.some((message, index) => message.role === "assistant" && index < lastQuery);
}
