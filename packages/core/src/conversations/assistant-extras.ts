import fc from "fast-check";
import type { ChatMessage, Conversation } from "../types.ts";
import { textArbitrary } from "./text.ts";

/** Drawn once per conversation, used message by message (more messages than this reuse them in turn). */
const SLOTS = 24;

/** A follow-up message's text one time in four, else none. */
const followUpSlot = fc
  .tuple(fc.integer({ min: 0, max: 3 }), textArbitrary())
  .map(([n, content]) => (n === 0 ? content : undefined));

/**
 * The conversation drawn without them, plus now and then a plain assistant message right after an assistant message,
 * before whatever follows (its tool results or the next user message): one model turn written as several messages,
 * as templates with per-message channels (Muse's `recipient`) receive it.
 */
export function withFollowUpAssistantMessages(conversation: fc.Arbitrary<Conversation>): fc.Arbitrary<Conversation> {
  return fc.tuple(conversation, fc.array(followUpSlot, { minLength: SLOTS, maxLength: SLOTS })).map(([drawn, slots]) => ({
    ...drawn,
    messages: drawn.messages.flatMap((message, i): ChatMessage[] => {
      const content = slots[i % SLOTS];
      return message.role === "assistant" && content !== undefined ? [message, { role: "assistant", content }] : [message];
    }),
  }));
}

/**
 * The conversation drawn without them, plus template-specific fields on assistant messages: per field, each
 * assistant message gets one of its values, or (as often as any one value) none.
 */
export function withAssistantFields(
  conversation: fc.Arbitrary<Conversation>,
  fields: Record<string, readonly unknown[]>,
): fc.Arbitrary<Conversation> {
  const entries = Object.entries(fields);
  for (const [name, values] of entries) {
    if (values.length === 0) throw new RangeError(`assistantFields.${name} lists no values`);
  }
  const slot = fc.tuple(
    ...entries.map(([name, values]) =>
      fc.option(fc.constantFrom(...values).map((value) => [name, value] as const), { nil: undefined, freq: values.length + 1 }),
    ),
  );
  return fc.tuple(conversation, fc.array(slot, { minLength: SLOTS, maxLength: SLOTS })).map(([drawn, slots]) => ({
    ...drawn,
    messages: drawn.messages.map((message, i): ChatMessage => {
      if (message.role !== "assistant") return message;
      const set = slots[i % SLOTS]!.filter((entry) => entry !== undefined);
      return set.length === 0 ? message : { ...message, ...Object.fromEntries(set) };
    }),
  }));
}
