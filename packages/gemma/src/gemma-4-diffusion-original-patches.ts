import type { OriginalPatch } from "@training-templates/core";
import { capturedContentBlock, contentBeforeToolCalls, turnOpenAfterToolResponses } from "./gemma-4-patches.ts";

/** The diffusion revision's content block: `.get` lookups, `image_url` and `input_audio` blocks, no media tracking. */
const diffusionContentBody = `            {%- if message.get('content') is string -%}
                {%- if role == 'model' -%}
                    {{- strip_thinking(message['content']) -}}
                {%- else -%}
                    {{- message['content'] | trim -}}
                {%- endif -%}
            {%- elif message.get('content') is sequence -%}
                {%- for item in message['content'] -%}
                    {%- if item.get('type') == 'text' -%}
                        {%- if role == 'model' -%}
                            {{- strip_thinking(item['text']) -}}
                        {%- else -%}
                            {{- item['text'] | trim -}}
                        {%- endif -%}
                    {%- elif item.get('type') in ['image', 'image_url'] -%}
                        {{- '<|image|>' -}}
                    {%- elif item.get('type') in ['audio', 'input_audio'] -%}
                        {{- '<|audio|>' -}}
                    {%- elif item.get('type') == 'video' -%}
                        {{- '<|video|>' -}}
                    {%- endif -%}
                {%- endfor -%}
            {%- endif -%}
`;

/**
 * The Gemma 4 fixes for the diffusion checkpoints' revision: every assistant turn keeps its reasoning (this revision
 * writes it after the last user message for every turn), content before tool calls, and a turn open after its tool
 * responses unless a user message follows (where this revision closes it whatever the content).
 */
export const gemma4DiffusionOriginalPatches: OriginalPatch[] = [
  {
    find: "{%- if thinking_text and thinking_gate -%}",
    replace: "{%- if thinking_text -%}",
    why:
      "The original writes a turn's reasoning only after the last user message (earlier tool-calling turns keep it " +
      "with preserve_thinking), so appending a user message removes it from earlier turns. Every assistant turn " +
      "keeps its reasoning.",
  },
  ...contentBeforeToolCalls(
    capturedContentBlock(diffusionContentBody),
    "            {%- if message.get('tool_calls') -%}\n                {%- for tool_call",
  ),
  turnOpenAfterToolResponses(
    "{%- elif not (ns_tr_out.flag and not has_content and not next_nt.found) -%}",
    "{%- elif not (ns_tr_out.flag and not next_nt.found) -%}",
  ),
];
