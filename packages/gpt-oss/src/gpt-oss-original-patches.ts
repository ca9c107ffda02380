import type { OriginalPatch } from "@training-templates/core";

/**
 * The GPT-OSS prefix-preservation fix, as exact textual patches of the vendor's original: applied to it (each `find`
 * occurs once), the original renders what the `gpt-oss-20b` training template renders.
 */
export const gptOss20bOriginalPatches: OriginalPatch[] = [
  {
    find: "{%- elif message.content and not future_final_message.found %}",
    replace: "{%- elif message.content %}",
    why:
      "The original drops a tool-call turn's analysis message (from `content`) once a later final message exists, " +
      "so appending that final message changes the earlier turn's text. The analysis message now always stays.",
  },
  {
    find: "{%- elif message.thinking and not future_final_message.found %}",
    replace: "{%- elif message.thinking %}",
    why: "The same for a tool-call turn's analysis message from `thinking`.",
  },
  {
    find: "{%- elif loop.last and not add_generation_prompt %}",
    replace: "{%- elif true %}",
    why:
      "The original writes a final message's analysis (`thinking`) and <|return|> only for the last message without " +
      "a generation prompt; earlier final messages lose their analysis and end with <|end|>, so every appended " +
      "message rewrites the turn before it. Every final message is now written the training way: the model learns " +
      "to end a final message with <|return|>, the token its generation stops on (<|end|> does not stop it).",
  },
  {
    find: '+ message.content + "<|return|>" }}',
    replace: '+ message.content + "<|return|>" }}\n            {%- set last_tool_call.name = none %}',
    why:
      "Keeps what the original's branch for earlier final messages did: a tool message right after a final message " +
      "is still rejected (no preceding tool call).",
  },
];
