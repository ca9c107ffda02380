import type { OriginalPatch } from "@training-templates/core";
import toolUseTemplate from "../templates/cohere-command-r-v01-tool-use.jinja";
import { textBetween } from "./closing-turns.ts";

const SET_INSTRUCTION = "{%- set closing_instruction = ";
/** The closing instruction turn ("Write 'Action:' …") as a Jinja string literal, quotes included, as the original has it. */
const INSTRUCTION_LITERAL = textBetween(toolUseTemplate, SET_INSTRUCTION, " %}\n");
const BEFORE_EACH_REPLY =
  "The original writes its instruction turn (\"Write 'Action:' followed by a json-formatted list of actions …\") once, " +
  "after the last message, so appending a message moves it and changes the text of the turns before it. It is the " +
  "prompt the model answers: the training template writes it before every assistant turn, as the model saw it when " +
  "it wrote that turn, and after the last message only when no assistant turn ends the conversation or a " +
  "generation prompt follows.";

/**
 * The Command R (v01) tool-use fix as exact textual patches of the vendor's original (applied in order, each `find`
 * occurring once). The patched original renders exactly what the `cohere-command-r-v01-tool-use` training template
 * renders; the conformance kit uses it for its text expectation.
 */
export const commandRV01ToolUseOriginalPatches: OriginalPatch[] = [
  {
    find: `{{-${INSTRUCTION_LITERAL}}}`,
    replace:
      "{%- if add_generation_prompt or not loop_messages or loop_messages[-1].role != 'assistant' %}\n" +
      "    {{- closing_instruction }}\n" +
      "{%- endif %}",
    why: BEFORE_EACH_REPLY,
  },
  {
    find: "{%- for message in loop_messages %}",
    replace: `${SET_INSTRUCTION}${INSTRUCTION_LITERAL} %}\n{%- for message in loop_messages %}`,
    why: "Defines the instruction turn once, before the messages, so every assistant turn can be preceded by it.",
  },
  {
    find:
      "{%- elif message.role == 'assistant' and message.tool_calls is defined %}\n" +
      "    {{- '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>' }}",
    replace:
      "{%- elif message.role == 'assistant' and message.tool_calls is defined %}\n" +
      "    {{- closing_instruction }}\n" +
      "    {{- '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>' }}",
    why: BEFORE_EACH_REPLY,
  },
  {
    find: '{{- "\\n]```\\n" }}',
    replace: '{{- "\\n]```\\n" }}\n    {{- \'<|END_OF_TURN_TOKEN|>\' }}',
    why:
      "The original ends a tool-call turn without <|END_OF_TURN_TOKEN|> (the next turn starts right after the " +
      "action list), so the model would never learn to stop after its actions. The token ends every other turn.",
  },
  {
    find: "{%- elif message.role == 'assistant' %}\n    {{- '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>'  + content|trim",
    replace:
      "{%- elif message.role == 'assistant' %}\n" +
      "    {{- closing_instruction }}\n" +
      "    {{- '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>'  + content|trim",
    why: BEFORE_EACH_REPLY,
  },
];
