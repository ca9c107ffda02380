import type { OriginalPatch } from "@training-templates/core";
import ragTemplate from "../templates/cohere-command-r-v01-rag.jinja";
import { textBetween } from "./closing-turns.ts";

const MACRO_OPEN = "{% macro closing_turns() %}";
/** The documents turn and the instructions turn, exactly as the original writes them after the last message. */
const CLOSING_TURNS = textBetween(ragTemplate, MACRO_OPEN, "{% endmacro %}");
const BEFORE_EACH_REPLY =
  "The original writes the documents (<results>…</results>) and its instructions turn (\"Carefully perform the " +
  "following instructions …\") once, after the last message, so appending a message moves them and changes the " +
  "text of the turns before it; and a trained reply would come before the documents it answers from. The training " +
  "template writes both turns before every assistant turn, as the model saw them when it wrote that turn, and after " +
  "the last message only when no assistant turn ends the conversation or a generation prompt follows.";

/**
 * The Command R (v01) RAG fix as exact textual patches of the vendor's original (applied in order, each `find`
 * occurring once). The patched original renders exactly what the `cohere-command-r-v01-rag` training template
 * renders; the conformance kit uses it for its text expectation.
 */
export const commandRV01RagOriginalPatches: OriginalPatch[] = [
  {
    find: CLOSING_TURNS,
    replace:
      "{% if add_generation_prompt or not loop_messages or loop_messages[-1]['role'] != 'assistant' %}" +
      "{{ closing_turns() }}{% endif %}",
    why: BEFORE_EACH_REPLY,
  },
  {
    find: "{% for message in loop_messages %}",
    replace: `${MACRO_OPEN}${CLOSING_TURNS}{% endmacro %}{% for message in loop_messages %}`,
    why: "Defines the two closing turns once, before the messages, so every assistant turn can be preceded by them.",
  },
  {
    find: "{% elif message['role'] == 'assistant' %}{{ '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>'  + content.strip()",
    replace:
      "{% elif message['role'] == 'assistant' %}{{ closing_turns() }}" +
      "{{ '<|START_OF_TURN_TOKEN|><|CHATBOT_TOKEN|>'  + content.strip()",
    why: BEFORE_EACH_REPLY,
  },
];
