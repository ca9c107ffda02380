import type { OriginalPatch } from "@training-templates/core";

// The original's content block, moved by the patches below from after the tool responses to before the tool calls.
const contentBlock = `            {%- if message['content'] is string -%}
                {%- if role == 'model' -%}
                    {{- strip_thinking(message['content']) -}}
                {%- else -%}
                    {{- message['content'] | trim -}}
                {%- endif -%}
            {%- elif message['content'] is sequence -%}
                {%- for item in message['content'] -%}
                    {%- if item['type'] == 'text' -%}
                        {%- if role == 'model' -%}
                            {{- strip_thinking(item['text']) -}}
                        {%- else -%}
                            {{- item['text'] | trim -}}
                        {%- endif -%}
                    {%- elif item['type'] == 'image' -%}
                        {{- '<|image|>' -}}
                        {%- set ns.prev_message_type = 'image' -%}
                    {%- elif item['type'] == 'audio' -%}
                        {{- '<|audio|>' -}}
                        {%- set ns.prev_message_type = 'audio' -%}
                    {%- elif item['type'] == 'video' -%}
                        {{- '<|video|>' -}}
                        {%- set ns.prev_message_type = 'video' -%}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}

`;

const toolCallsStart = "            {%- if message['tool_calls'] -%}\n                {%- for tool_call";

/** The Gemma 4 prefix-preservation fixes, as textual patches of the vendor's original (each `find` occurs once). */
export const gemma4OriginalPatches: OriginalPatch[] = [
  {
    find: "loop.index0 > ns_turn.last_user_idx and ",
    replace: "",
    why:
      "The original writes the reasoning of a tool-calling turn only after the last user message, so appending a " +
      "user message removes it from earlier turns. Every tool-calling turn keeps its reasoning.",
  },
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
  {
    find: "{%- elif not (ns_tr_out.flag and not message.get('content')) -%}",
    replace: "{%- elif not ns_tr_out.flag -%}",
    why:
      "The original closes a turn after its tool responses when the message has content; with the content before " +
      "the calls, the turn stays open after the responses as it does without content.",
  },
];
