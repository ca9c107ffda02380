import fc from "fast-check";
import type { ChatMessage, Conversation, ToolDefinition } from "../types.ts";
import { withAssistantFields, withFollowUpAssistantMessages } from "./assistant-extras.ts";
import { documentsArbitrary } from "./documents.ts";
import { withMedia, type MediaStyle } from "./media.ts";
import { turnArbitrary } from "./messages.ts";
import { withSystemBlocks } from "./system-blocks.ts";
import { textArbitrary } from "./text.ts";
import { toolsArbitrary } from "./tools.ts";

/** What generated conversations may contain. Every feature but `documents` is on unless turned off. */
export interface ConversationFeatures {
  /** List tools in some conversations and let the assistant call them; "always": list them in every conversation. */
  tools?: boolean | "always";
  /**
   * "always": every tool parameter has a description (templates that print one per parameter raise without it);
   * default "mostly".
   */
  toolParameterDescriptions?: "always" | "mostly";
  /** "one": every tool-calling message makes a single call; "many": one to three. */
  toolCallsPerTurn?: "one" | "many";
  /** Reasoning on some assistant messages, in `reasoning_content` or inline in `<think>` tags. */
  reasoning?: boolean;
  /** A system message first in some conversations. */
  systemPrompt?: boolean;
  /** The most user messages a conversation holds (default 5). */
  maxTurns?: number;
  /** Let `add_generation_prompt` be true; when false it always is false. */
  generationPrompt?: boolean;
  /**
   * Retrieved `documents` (a list of dicts) on some conversations, for RAG templates. Off by default: with it off the
   * conversations are exactly those drawn before the feature existed.
   */
  documents?: boolean;
  /**
   * Images and videos in user turns, for vision-language templates (see `MediaStyle`). Off by default: with it off
   * the conversations are exactly those drawn before the feature existed.
   */
  media?: MediaStyle | false;
  /**
   * Now and then a second assistant message right after an assistant message (one model turn written as several
   * messages). Off by default: with it off the conversations are exactly those drawn before the feature existed.
   */
  followUpAssistantMessages?: boolean;
  /**
   * Fields some assistant messages carry, each with the values to draw from (e.g. `{ recipient: ["self", "user"] }`),
   * for templates that read per-message fields. Off (`{}`) by default: with it off the conversations are exactly
   * those drawn before the feature existed.
   */
  assistantFields?: Record<string, readonly unknown[]>;
  /**
   * A system message's content as a list of text blocks (one, or two split at a space) in some conversations, for
   * templates that accept it. Off by default: with it off the conversations are exactly those drawn before the
   * feature existed.
   */
  systemPromptBlocks?: boolean;
}

type ResolvedFeatures = Required<ConversationFeatures>;

function resolveFeatures(features: ConversationFeatures): ResolvedFeatures {
  const resolved: ResolvedFeatures = {
    tools: features.tools ?? true,
    toolCallsPerTurn: features.toolCallsPerTurn ?? "many",
    toolParameterDescriptions: features.toolParameterDescriptions ?? "mostly",
    reasoning: features.reasoning ?? true,
    systemPrompt: features.systemPrompt ?? true,
    maxTurns: features.maxTurns ?? 5,
    generationPrompt: features.generationPrompt ?? true,
    documents: features.documents ?? false,
    media: features.media ?? false,
    followUpAssistantMessages: features.followUpAssistantMessages ?? false,
    assistantFields: features.assistantFields ?? {},
    systemPromptBlocks: features.systemPromptBlocks ?? false,
  };
  if (!Number.isInteger(resolved.maxTurns) || resolved.maxTurns < 1) {
    throw new RangeError(`maxTurns must be a whole number of at least 1, got ${resolved.maxTurns}`);
  }
  return resolved;
}

/** True with probability `percent`/100. */
const chance = (percent: number) => fc.integer({ min: 0, max: 99 }).map((n) => n < percent);

function conversationWithTools(tools: ToolDefinition[] | undefined, f: ResolvedFeatures): fc.Arbitrary<Conversation> {
  const turnOptions = { tools, toolCallsPerTurn: f.toolCallsPerTurn, reasoning: f.reasoning };
  return fc
    .record({
      system: f.systemPrompt ? fc.option(textArbitrary(), { nil: undefined, freq: 2 }) : fc.constant(undefined),
      turns: fc.array(turnArbitrary(turnOptions), { minLength: 1, maxLength: f.maxTurns }),
      endsWithUser: fc.boolean(),
      // Usually a prompt after a user message and none after an assistant one, but both either way.
      promptAfterUser: f.generationPrompt ? chance(85) : fc.constant(false),
      promptAfterAssistant: f.generationPrompt ? chance(15) : fc.constant(false),
    })
    .map(({ system, turns, endsWithUser, promptAfterUser, promptAfterAssistant }) => {
      const messages: ChatMessage[] = system === undefined ? [] : [{ role: "system", content: system }];
      turns.forEach((turn, i) => {
        messages.push(turn.user);
        if (!(endsWithUser && i === turns.length - 1)) messages.push(...turn.assistant);
      });
      return {
        messages,
        ...(tools ? { tools } : {}),
        add_generation_prompt: endsWithUser ? promptAfterUser : promptAfterAssistant,
      };
    });
}

/**
 * Conversations as chat templates receive them: an optional system message, user/assistant exchanges (with tool
 * calls, tool results and reasoning when enabled), ending with a user or an assistant message. Texts are mostly
 * short words, and sometimes the things templates and tokenizers get wrong: emptiness, 2000 characters, edge
 * whitespace, emoji sequences, CJK, decomposed accents, right-to-left text, special-token and Jinja look-alikes.
 */
export function conversationArbitrary(features: ConversationFeatures = {}): fc.Arbitrary<Conversation> {
  const f = resolveFeatures(features);
  const toolList = toolsArbitrary(f.toolParameterDescriptions === "always");
  const tools =
    f.tools === "always" ? toolList : f.tools ? fc.option(toolList, { nil: undefined, freq: 3 }) : fc.constant(undefined);
  const conversation = tools.chain((listed) => conversationWithTools(listed, f));
  // Later features are drawn after the conversation, so each conversation is the one drawn without them, plus them.
  const withDocuments = f.documents
    ? fc
        .tuple(conversation, fc.option(documentsArbitrary(), { nil: undefined, freq: 3 }))
        .map(([drawn, documents]) => (documents === undefined ? drawn : { ...drawn, documents }))
    : conversation;
  const withFollowUps = f.followUpAssistantMessages ? withFollowUpAssistantMessages(withDocuments) : withDocuments;
  const withFields = Object.keys(f.assistantFields).length > 0 ? withAssistantFields(withFollowUps, f.assistantFields) : withFollowUps;
  const withMediaBlocks = f.media ? withMedia(withFields, f.media) : withFields;
  return f.systemPromptBlocks ? withSystemBlocks(withMediaBlocks) : withMediaBlocks;
}

/** `count` conversations, the same ones for the same seed and features on every run and machine. */
export function sampleConversations(options: {
  seed: number;
  count: number;
  features?: ConversationFeatures;
}): Conversation[] {
  return fc.sample(conversationArbitrary(options.features), { seed: options.seed, numRuns: options.count });
}
