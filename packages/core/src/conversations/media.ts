import fc from "fast-check";
import type { ChatMessage, ContentBlock, Conversation } from "../types.ts";

/**
 * How media reach a vision-language template: `mixed`, some user turns carry content blocks with images and videos
 * (`{type: "image"}`, `{type: "video"}`, `{type: "text", text}`) while other turns stay plain strings; `lists`, every
 * message's content is a list of blocks (templates that index `content[0]` accept nothing else).
 */
export type MediaStyle = "mixed" | "lists";

type Layout = "text" | "image-first" | "image-last" | "two-images" | "video" | "image-and-video";

const LAYOUTS: Layout[] = ["text", "image-first", "image-last", "two-images", "video", "image-and-video"];
/** Drawn once per conversation, used message by message (more messages than this reuse them in turn). */
const LAYOUT_SLOTS = 24;

const image = (withUrl: boolean): ContentBlock => (withUrl ? { type: "image", url: "https://example.com/cat.png" } : { type: "image" });
const video: ContentBlock = { type: "video" };

function userBlocks(text: string, layout: Layout, withUrl: boolean): ContentBlock[] {
  const textBlock: ContentBlock = { type: "text", text };
  switch (layout) {
    case "text":
      return [textBlock];
    case "image-first":
      return [image(withUrl), textBlock];
    case "image-last":
      return [textBlock, image(withUrl)];
    case "two-images":
      return [image(withUrl), image(false), textBlock];
    case "video":
      return [video, textBlock];
    case "image-and-video":
      return [image(withUrl), textBlock, video];
  }
}

function withBlocks(message: ChatMessage, layout: Layout, withUrl: boolean, style: MediaStyle): ChatMessage {
  if (typeof message.content !== "string") return message;
  if (message.role === "user") {
    // In `mixed`, plain text turns stay strings, as text-only turns usually are.
    if (style === "mixed" && layout === "text") return message;
    return { ...message, content: userBlocks(message.content, layout, withUrl) };
  }
  return style === "lists" ? { ...message, content: [{ type: "text", text: message.content }] } : message;
}

/** The conversation drawn without media, with its messages' content turned into blocks and media added. */
export function withMedia(conversation: fc.Arbitrary<Conversation>, style: MediaStyle): fc.Arbitrary<Conversation> {
  return fc
    .tuple(
      conversation,
      fc.array(fc.constantFrom(...LAYOUTS), { minLength: LAYOUT_SLOTS, maxLength: LAYOUT_SLOTS }),
      fc.boolean(),
    )
    .map(([drawn, layouts, withUrl]) => ({
      ...drawn,
      messages: drawn.messages.map((message, i) => withBlocks(message, layouts[i % LAYOUT_SLOTS]!, withUrl, style)),
    }));
}
