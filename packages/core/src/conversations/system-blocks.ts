import fc from "fast-check";
import type { ContentBlock, Conversation } from "../types.ts";

/** How a system message's text reaches the template: as drawn (a string), one text block, or two split at a space. */
type SystemLayout = "string" | "one-block" | "split";

function asBlocks(text: string, layout: Exclude<SystemLayout, "string">): ContentBlock[] {
  const space = text.indexOf(" ");
  if (layout === "one-block" || space <= 0) return [{ type: "text", text }];
  return [
    { type: "text", text: text.slice(0, space) },
    { type: "text", text: text.slice(space) },
  ];
}

/**
 * The conversation drawn without the feature, with a leading system message's string content turned, in some
 * conversations, into a list of text blocks whose texts join to the drawn text.
 */
export function withSystemBlocks(conversation: fc.Arbitrary<Conversation>): fc.Arbitrary<Conversation> {
  return fc
    .tuple(conversation, fc.constantFrom<SystemLayout>("string", "one-block", "split"))
    .map(([drawn, layout]) => {
      const first = drawn.messages[0];
      if (layout === "string" || first?.role !== "system" || typeof first.content !== "string") return drawn;
      return { ...drawn, messages: [{ ...first, content: asBlocks(first.content, layout) }, ...drawn.messages.slice(1)] };
    });
}
