import { TemplateLimitError, TrainingTemplatesError } from "../errors.ts";
import { buildTemplateContext } from "../render/context.ts";
import { renderChat, type RenderOptions } from "../render/render-chat.ts";
import type { ChatMessage, ContentBlock, Conversation } from "../types.ts";
import { ConversationProblemError } from "./validate.ts";

/**
 * What to do with a message whose content is a list of content blocks: `"reject"` it when the template would write
 * the list as its Python repr (`[{'type': 'text', 'text': …}]`, e.g. Llama 3's `message['content'] | trim`) or fails
 * on it; `"join"` its text blocks into one string first; or render it `"as-is"`, as transformers does.
 */
export type ContentBlocksPolicy = "reject" | "join" | "as-is";

export const CONTENT_BLOCKS_POLICIES: readonly ContentBlocksPolicy[] = ["reject", "join", "as-is"];

const JOIN_HINT = 'join the text blocks into one string first (--content-blocks join; contentBlocks: "join" in the library)';

/**
 * The messages with each list of content blocks replaced by its text blocks' texts, concatenated without a separator:
 * what templates that take blocks write for them (Qwen2-VL, Gemma 3 print each text block in turn), so the joined
 * text is what the same data renders to under such a template. A block that is not text (an image, a video) has no
 * text to stand for it: that throws, naming the block.
 */
export function joinContentBlocks(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message, index) => {
    if (!Array.isArray(message.content)) return message;
    const blocks: ContentBlock[] = message.content;
    const other = blocks.findIndex((block) => block.type !== "text");
    if (other !== -1) {
      throw new ConversationProblemError(
        `messages[${index}].content[${other}]`,
        `a "${blocks[other]!.type}" block cannot be joined into text (only text blocks can); render this record with a template that takes ${blocks[other]!.type} blocks`,
        "content-blocks",
      );
    }
    return { ...message, content: blocks.map((block) => block.text ?? "").join("") };
  });
}

/** The indices of the messages whose content is a list of blocks. */
export function messagesWithContentBlocks(messages: readonly ChatMessage[]): number[] {
  return messages.flatMap((message, index) => (Array.isArray(message.content) ? [index] : []));
}

export interface ContentBlocksCheck {
  specialTokens?: Record<string, string>;
  templateKwargs?: Record<string, unknown>;
  renderOptions?: RenderOptions;
}

/**
 * Throws (a `ConversationProblemError` of kind `content-blocks`) when `template` writes a message's list of content
 * blocks as its Python repr, writes none of its text (Qwen3 reads only string content), or fails on content blocks
 * that it renders once joined into text.
 *
 * How: the conversation is rendered once more with each block's text, and a probe key added to every block, set to
 * a marker naming the message (`TTBLOCKPROBE3X`). A repr of the list or of a block prints the marker quoted
 * (`'TTBLOCKPROBE3X'`: Python quotes strings with `'`); a template that takes blocks prints the text unquoted and
 * never prints an unknown key; `tojson` quotes with `"`. So the quoted marker is found exactly when the data would
 * be trained on as Python syntax, whatever filter is around it (`trim`, `string`), and no marker at all when the
 * text is dropped; either way the message is named. A text that merely spells a repr cannot fool it: the marker is
 * in no text of the data. The probe costs one render (no tokenization) per record with blocks, none without.
 * A renderer that refuses a filter on a list ("Unknown ArrayValue filter: trim") fails the probe: if the same
 * conversation renders once its blocks are joined, the blocks are to blame and the error says to join them.
 */
export function assertContentBlocksRendered(template: string, conversation: Conversation, check: ContentBlocksCheck = {}): void {
  const finding = findContentBlocksProblem(template, conversation, check);
  if (!finding) return;
  const templateName = check.renderOptions?.templateName ?? "(unnamed)";
  const where = finding.messages.map((index) => `messages[${index}].content`).join(", ");
  const what = {
    repr: `writes this list of content blocks as its Python repr ("[{'type': 'text', 'text': …}]"), so training on it would teach that text`,
    dropped: "writes none of this list of content blocks' text (it takes only string content), so the turn would be trained on as empty",
    fails: `fails on content blocks (${finding.how === "fails" ? finding.error : ""}) but renders them once joined`,
  }[finding.how];
  throw new ConversationProblemError(where, `chat template ${templateName} ${what}; ${JOIN_HINT}`, "content-blocks");
}

/** What the probe found: the messages concerned and how the template mishandles their blocks. */
export type ContentBlocksFinding =
  | { how: "repr" | "dropped"; messages: number[] }
  | { how: "fails"; messages: number[]; error: string };

/** The probe of `assertContentBlocksRendered`, answering instead of throwing (`check` reports it). */
export function findContentBlocksProblem(template: string, conversation: Conversation, check: ContentBlocksCheck = {}): ContentBlocksFinding | undefined {
  const indices = messagesWithContentBlocks(conversation.messages);
  if (indices.length === 0) return undefined;
  const render = (messages: ChatMessage[]) =>
    renderChat(template, buildTemplateContext({ ...conversation, messages }, check.specialTokens, check.templateKwargs), check.renderOptions).text;
  let text: string;
  try {
    text = render(withProbes(conversation.messages));
  } catch (error) {
    // A template past a render limit would only run away again joined (and once more for the record itself).
    if (error instanceof TemplateLimitError) throw error;
    if (!(error instanceof TrainingTemplatesError) || !rendersJoined(render, conversation.messages)) return undefined;
    return { how: "fails", messages: indices, error: error.message };
  }
  const written = indices.find((index) => text.includes(`'${probeMarker(index)}'`));
  if (written !== undefined) return { how: "repr", messages: [written] };
  const dropped = indices.find((index) => hasTextBlock(conversation.messages[index]!) && !text.includes(probeMarker(index)));
  if (dropped !== undefined) return { how: "dropped", messages: [dropped] };
  return undefined;
}

function hasTextBlock(message: ChatMessage): boolean {
  return Array.isArray(message.content) && message.content.some((block) => block.type === "text");
}

const PROBE_KEY = "tt_block_probe";

function probeMarker(index: number): string {
  return `TTBLOCKPROBE${index}X`;
}

function withProbes(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message, index) =>
    Array.isArray(message.content)
      ? {
          ...message,
          content: message.content.map((block) => ({ ...block, ...(block.type === "text" ? { text: probeMarker(index) } : {}), [PROBE_KEY]: probeMarker(index) })),
        }
      : message,
  );
}

function rendersJoined(render: (messages: ChatMessage[]) => string, messages: readonly ChatMessage[]): boolean {
  try {
    render(joinContentBlocks(messages));
    return true;
  } catch {
    return false;
  }
}
