import type { OriginalPatch } from "@training-templates/core";
import { contentBeforeToolCalls, turnOpenAfterToolResponses } from "./gemma-4-patches.ts";

/** The April 2026 revision's content block (string or list content), without the blank line that follows it. */
export const gemma4ContentBody = `            {%- if message['content'] is string -%}
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

/** Where the April 2026 revision and its later revision (r2) start writing a message's tool calls. */
export const gemma4ToolCallsStart = "            {%- if message['tool_calls'] -%}\n                {%- for tool_call";

/** The April 2026 revision and r2 write a tool-calling turn's reasoning only after the last user message. */
export const toolCallReasoningKept: OriginalPatch = {
  find: "loop.index0 > ns_turn.last_user_idx and ",
  replace: "",
  why:
    "The original writes the reasoning of a tool-calling turn only after the last user message, so appending a " +
    "user message removes it from earlier turns. Every tool-calling turn keeps its reasoning.",
};

/** The Gemma 4 prefix-preservation fixes, as textual patches of the vendor's original (each `find` occurs once). */
export const gemma4OriginalPatches: OriginalPatch[] = [
  toolCallReasoningKept,
  ...contentBeforeToolCalls(gemma4ContentBody + "\n", gemma4ToolCallsStart),
  turnOpenAfterToolResponses("{%- elif not (ns_tr_out.flag and not message.get('content')) -%}", "{%- elif not ns_tr_out.flag -%}"),
];
