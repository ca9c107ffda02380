import type { OriginalPatch } from "@training-templates/core";

/**
 * The Muse Glimmer prefix-preservation fixes, as exact textual patches of the vendor's original: applied to it (each
 * `find` occurs once), the original renders what the `muse-glimmer` training template renders.
 */
export const museGlimmerOriginalPatches: OriginalPatch[] = [
  {
    find: "{%- set end_token = '<|eom|>' if (not loop.last and messages[loop.index0 + 1]['role'] == role) else '<|eot|>' -%}",
    replace: "{%- set end_token = '<|eot|>' -%}",
    why:
      "The original ends a tool-call message's last call with <|eom|> when the next message is an assistant message " +
      "and with <|eot|> otherwise, so appending an assistant message rewrites the terminator of the turn before it. " +
      "A tool-call message now always ends with <|eot|>, what the model writes to hand over for the tool results.",
  },
  {
    find: "{%- for m in messages -%}\n                {%- if m.get('tool_calls') -%}",
    replace: "{%- for m in messages[:loop.index0] -%}\n                {%- if m.get('tool_calls') -%}",
    why:
      "A tool message without `name` takes the name of the call whose id matches its `tool_call_id`, and the " +
      "original searches every message, later ones included, keeping the last match: appending a call that reuses " +
      "the id (datasets that number calls per round do) renames an earlier result. Only the calls before the " +
      "result are searched now, so it names the latest call it can answer.",
  },
];
