import type { OriginalPatch } from "@training-templates/core";

const STOP_WHY =
  "GLM's turns have no end token: the model stops by writing the next role token (its generation config stops on " +
  "<|user|> and <|observation|>), which the original writes as the start of the next message and not at all after " +
  "the last one. Here each assistant turn writes its own stop token (<|observation|> after tool calls, else " +
  "<|user|>), also after the last message, and the next message does not write it again; appending messages then " +
  "keeps every earlier turn, stop token included.";

/**
 * Where the `glm-4.5` training template's text differs from GLM-4.5's original, as exact textual patches of the
 * original (each `find` occurs once in it). The conformance kit applies them to form its text expectation.
 */
export const glm45OriginalPatches: OriginalPatch[] = [
  {
    find: "{%- set ns = namespace(last_user_index=-1) %}\n",
    replace: "{%- set ns = namespace(last_user_index=-1) %}\n{%- set stop = namespace(written='') %}\n",
    why: STOP_WHY,
  },
  {
    find: "{% for m in messages %}\n{%- if m.role == 'user' -%}<|user|>\n",
    replace:
      "{% for m in messages %}\n{%- set written_stop = stop.written %}\n{%- set stop.written = '' %}\n" +
      "{%- if m.role == 'user' -%}\n{{- '' if written_stop == '<|user|>' else '<|user|>' }}\n",
    why: STOP_WHY,
  },
  {
    find: '{%- if loop.first or (messages[loop.index0 - 1].role != "tool") %}',
    replace: '{%- if (loop.first or (messages[loop.index0 - 1].role != "tool")) and written_stop != \'<|observation|>\' %}',
    why: STOP_WHY,
  },
  {
    find: "<|observation|>{% for tr in m.content %}",
    replace: "{{- '' if written_stop == '<|observation|>' else '<|observation|>' }}{% for tr in m.content %}",
    why: STOP_WHY,
  },
  {
    find: "</tool_call>{% endfor %}\n{% endif %}\n",
    replace:
      "</tool_call>{% endfor %}\n{% endif %}\n" +
      "{%- set stop.written = '<|observation|>' if m.tool_calls else '<|user|>' %}\n{{- stop.written -}}\n",
    why: STOP_WHY,
  },
  {
    find: "{%- if loop.index0 > ns.last_user_index and reasoning_content -%}",
    replace: "{%- if reasoning_content -%}",
    why:
      "The original writes an assistant turn's reasoning only after the last user message (earlier turns get an " +
      "empty <think></think>), so appending a user message changes the text and tokens of the turns before it. " +
      "Every turn is written as the original writes one after the last user message: with its reasoning.",
  },
];
