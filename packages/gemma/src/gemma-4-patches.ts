import type { OriginalPatch } from "@training-templates/core";

/**
 * The prefix-preservation fixes every Gemma 4 template revision needs, as patch builders: each revision spells the
 * patched text a little differently, the reasons are the same.
 */

/** Moves a message's content from after its tool responses to before its tool calls (two patches). */
export function contentBeforeToolCalls(contentBlock: string, toolCallsStart: string): OriginalPatch[] {
  return [
    {
      find: contentBlock,
      replace: "",
      why:
        "The original writes a tool-calling message's content after the tool responses, so appending the tool " +
        "messages moves it; the content is written before the calls instead (moved by the next patch).",
    },
    {
      find: toolCallsStart,
      replace: contentBlock + toolCallsStart,
      why: "The content of a message comes before its tool calls, as the model writes it.",
    },
  ];
}

/** Keeps a turn open after its tool responses, whatever its content (`find` is the revision's closing condition). */
export function turnOpenAfterToolResponses(find: string, replace: string): OriginalPatch {
  return {
    find,
    replace,
    why:
      "The original closes a turn after its tool responses when the message has content; with the content before " +
      "the calls, the turn stays open after the responses as it does without content.",
  };
}

/**
 * Later revisions capture the content block to decide whether the turn closes (`has_content`); `body` is the
 * block's text between the capture's opening and closing tags.
 */
export function capturedContentBlock(body: string): string {
  return (
    "            {%- set captured_content -%}\n" +
    body +
    "            {%- endset -%}\n\n" +
    "            {{- captured_content -}}\n" +
    "            {%- set has_content = captured_content | trim | length > 0 -%}\n\n"
  );
}
