import type { ChatMessage, OriginalPatch } from "@training-templates/core";

/** How the originals write a call's arguments: concatenated into a string, so only a string is accepted. */
const ARGUMENTS_AS_TEXT = "tool['function']['arguments']";

/** How the training templates write them: a string as it is, anything else (a dict, as users pass it) as JSON. */
export const ARGUMENTS_AS_JSON =
  "(tool['function']['arguments'] if tool['function']['arguments'] is string else tool['function']['arguments'] | tojson)";

const WHY =
  "The original concatenates a tool call's `arguments` as a string, so arguments given as a dict (as users and " +
  "datasets pass them) raise a TypeError; here they are written as JSON (`tojson`), strings as they are.";

/**
 * The patch that lets one of the original's tool-call expressions accept dict arguments. `opening` is the text that
 * starts that expression (it makes the `find` unique) and `newline` how the original spells "\n" in its string
 * literals (a real newline in DeepSeek-V3's file, the escape `\n` in DeepSeek-R1's).
 */
export function jsonArgumentsPatch(opening: string, newline: string): OriginalPatch {
  const find =
    `${opening}' + tool['type'] + '<｜tool▁sep｜>' + tool['function']['name'] + '${newline}' + '\`\`\`json' + '${newline}' + ` +
    ARGUMENTS_AS_TEXT;
  return { find, replace: find.slice(0, -ARGUMENTS_AS_TEXT.length) + ARGUMENTS_AS_JSON, why: WHY };
}

/** True when a tool call's arguments are not a string (the originals raise on them, the training templates write JSON). */
export function hasJsonArguments(call: NonNullable<ChatMessage["tool_calls"]>[number]): boolean {
  return typeof call.function === "object" && call.function !== null && typeof call.function.arguments !== "string";
}
