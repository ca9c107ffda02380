import type { Conversation, OriginalPatch } from "@training-templates/core";
import { omitsEarlierThinkBlock } from "./qwen35-think-blocks.ts";

/**
 * Whether the Qwen3.6/3.8 original, under a conversation's kwargs, writes every assistant turn's think block:
 * `preserve_thinking=true` always does; left unset, it follows the template's default (off in 3.6, on in 3.8); any
 * other value is off (both originals test `preserve_thinking is true`).
 */
function preservesThinking(conversation: Conversation, preservedByDefault: boolean): boolean {
  const preserveThinking = conversation.chat_template_kwargs?.["preserve_thinking"];
  return preserveThinking === true || (preserveThinking === undefined && preservedByDefault);
}

/**
 * `textDiffersFromOriginal` for a training template that writes every think block whatever `preserve_thinking` says:
 * it differs from the original exactly when the original drops one (thinking not preserved, and an assistant turn
 * before the last user query).
 */
export function differsUnlessThinkingPreserved(preservedByDefault: boolean): (conversation: Conversation) => boolean {
  return (conversation) => !preservesThinking(conversation, preservedByDefault) && omitsEarlierThinkBlock(conversation.messages);
}

/**
 * The prefix-preservation fix as a patch of an original whose `find` is its condition for writing a turn's think
 * block: every turn is written as the original writes it with thinking preserved.
 */
export function thinkBlockOnEveryTurnPatch(find: string, whenDropped: string): OriginalPatch {
  return {
    find,
    replace: "{%- if true %}",
    why:
      `${whenDropped}, the original writes <think> blocks only for assistant turns after the last user query, so ` +
      "appending a user message removes the reasoning (or the empty think block) of earlier turns and changes their tokens.",
  };
}

/** What a 3.6/3.8 training template does not train, the same in both. */
export const untrainedGenerationPrompt =
  "The '<think>\\n' that the generation prompt holds is not trained (with enable_thinking=false, the empty think " +
  "block of a turn without reasoning).";
