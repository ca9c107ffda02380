import { pythonStrip, type ChatMessage, type Conversation } from "@training-templates/core";

/** How a Gemma 4 template revision differs from its patched training template, for `textDiffersFromOriginal`. */
interface Gemma4Revision {
  /** Content block types the revision writes as a media token. */
  mediaTypes: readonly string[];
  /** Closes a turn after its tool responses when the content is truthy (April 2026) rather than when it writes something. */
  closesOnTruthyContent: boolean;
  /** Whether the original writes the reasoning of an assistant message that a later user message follows. */
  originalKeepsEarlierReasoning: (message: ChatMessage, kwargs: Record<string, unknown>) => boolean;
  /** Whether the patched template writes it. */
  patchKeepsEarlierReasoning: (message: ChatMessage) => boolean;
}

const callsTools = (message: ChatMessage): boolean => Array.isArray(message.tool_calls) && message.tool_calls.length > 0;

const hasContent = (message: ChatMessage): boolean =>
  typeof message.content === "string" ? message.content !== "" : Array.isArray(message.content) && message.content.length > 0;

/** The template's `strip_thinking` macro: drops `<|channel>…<channel|>` parts, then trims. */
const stripThinking = (text: string): string =>
  pythonStrip(text.split("<channel|>").map((part) => part.split("<|channel>")[0]!).join(""));

/** Whether a model message's content writes any text (what the later revisions call `has_content`). */
function writesContent(message: ChatMessage, mediaTypes: readonly string[]): boolean {
  if (typeof message.content === "string") return stripThinking(message.content) !== "";
  if (!Array.isArray(message.content)) return false;
  return message.content.some((block) =>
    block.type === "text" ? typeof block.text === "string" && stripThinking(block.text) !== "" : mediaTypes.includes(block.type),
  );
}

function textDiffers(conversation: Conversation, revision: Gemma4Revision): boolean {
  const messages = conversation.messages;
  const kwargs = conversation.chat_template_kwargs ?? {};
  return messages.some((message, i) => {
    if (message.role !== "assistant") return false;
    const reasoning = (message as { reasoning?: unknown }).reasoning || message.reasoning_content;
    if (
      reasoning &&
      messages.slice(i + 1).some((later) => later.role === "user") &&
      revision.patchKeepsEarlierReasoning(message) &&
      !revision.originalKeepsEarlierReasoning(message, kwargs)
    ) {
      return true;
    }
    if (!callsTools(message)) return false;
    if (writesContent(message, revision.mediaTypes)) return true;
    return revision.closesOnTruthyContent && hasContent(message) && messages[i + 1]?.role === "tool";
  });
}

const MEDIA = ["image", "audio", "video"] as const;

/** Where `gemma4OriginalPatches` change the text: tool-calling turns with content, or with reasoning before a later user message. */
export const gemma4TextDiffersFromOriginal = (conversation: Conversation): boolean =>
  textDiffers(conversation, {
    mediaTypes: MEDIA,
    closesOnTruthyContent: true,
    originalKeepsEarlierReasoning: () => false,
    patchKeepsEarlierReasoning: callsTools,
  });

/** Where `gemma4R2OriginalPatches` change the text: tool-calling turns that write content, or with reasoning before a later user message. */
export const gemma4R2TextDiffersFromOriginal = (conversation: Conversation): boolean =>
  textDiffers(conversation, {
    mediaTypes: MEDIA,
    closesOnTruthyContent: false,
    originalKeepsEarlierReasoning: () => false,
    patchKeepsEarlierReasoning: callsTools,
  });

/**
 * Where `gemma4DiffusionOriginalPatches` change the text: tool-calling turns that write content, or any turn with
 * reasoning before a later user message (unless preserve_thinking keeps a tool-calling turn's).
 */
export const gemma4DiffusionTextDiffersFromOriginal = (conversation: Conversation): boolean =>
  textDiffers(conversation, {
    mediaTypes: [...MEDIA, "image_url", "input_audio"],
    closesOnTruthyContent: false,
    originalKeepsEarlierReasoning: (message, kwargs) => Boolean(kwargs.preserve_thinking) && callsTools(message),
    patchKeepsEarlierReasoning: () => true,
  });
