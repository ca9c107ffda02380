import { TrainingTemplatesError } from "../errors.ts";
import type { ChatMessage, Span } from "../types.ts";

/** Whether the end-of-turn token trains: in every trained turn (`turn`), only in the last one (`last`), or never. */
export type EndOfTurnTraining = "turn" | "last" | "none";

/** Which parts of a conversation train, beyond what the template's generation markers say. */
export interface TurnSelection {
  /** Roles whose turns train (default `["assistant"]`). */
  roles?: readonly string[];
  /** Default `turn`: the end-of-turn token trains wherever the template's spans hold it. */
  endOfTurnTraining?: EndOfTurnTraining;
  /** The end-of-turn token as text (e.g. `<|im_end|>`); needed for `last`/`none` and to end a non-assistant turn. */
  endOfTurn?: string;
  /** Only the conversation's last turn among `roles` trains. */
  lastTurnOnly?: boolean;
  /** Indices of messages that never train (e.g. those marked `"train": false`). */
  excluded?: ReadonlySet<number> | readonly number[];
}

export interface RenderedTurns {
  /** The messages as rendered. */
  messages: readonly ChatMessage[];
  /** The whole conversation's rendering. */
  text: string;
  /** Its `{% generation %}` spans, in opening order. */
  spans: readonly Span[];
  /**
   * Renders the first `count` messages without a generation prompt. Only needed when a role other than `assistant`
   * trains: its text is found where the rendering of the messages before it ends.
   */
  renderPrefix?: (count: number) => string;
}

/** A turn that trains: which message, and the `[start, end)` of `text` to train (UTF-16 code units). */
export interface TrainedTurn {
  messageIndex: number;
  role: string;
  range: Span;
}

/** The selection cannot be applied to this conversation (spans and messages do not correspond, text not found, …). */
export class TurnMaskError extends TrainingTemplatesError {
  constructor(message: string) {
    super("TURN_MASKS", message);
  }
}

const ASSISTANT = "assistant";

/** True when the selection adds nothing to the template's markers, so the spans train exactly as rendered. */
export function isDefaultSelection(selection: TurnSelection): boolean {
  const roles = selection.roles ?? [ASSISTANT];
  return (
    roles.length === 1 &&
    roles[0] === ASSISTANT &&
    (selection.endOfTurnTraining ?? "turn") === "turn" &&
    !selection.lastTurnOnly &&
    sizeOf(selection.excluded) === 0
  );
}

/**
 * The ranges of `text` that train under `selection`. With the default selection these are the template's spans,
 * untouched (so masks equal `assistant_masks`). Otherwise span k is taken to be the k-th assistant message (the
 * training templates give one span per assistant turn, in order), other roles' turns are found by rendering
 * prefixes (their content up to and including the end-of-turn token), and the end-of-turn rule is applied.
 * Throws `TurnMaskError` when the conversation does not allow this.
 */
export function trainedRanges(rendered: RenderedTurns, selection: TurnSelection = {}): Span[] {
  if (isDefaultSelection(selection)) return [...rendered.spans];
  return trainedTurns(rendered, selection).map((turn) => turn.range);
}

/** The turns that train under `selection`, in conversation order, each with the range it trains. */
export function trainedTurns(rendered: RenderedTurns, selection: TurnSelection = {}): TrainedTurn[] {
  const roles = new Set(selection.roles ?? [ASSISTANT]);
  const excluded = new Set(selection.excluded ?? []);
  const eotRule = selection.endOfTurnTraining ?? "turn";
  if (eotRule !== "turn" && !selection.endOfTurn) {
    throw new TurnMaskError(`end-of-turn training "${eotRule}" needs the end-of-turn token, and none is known`);
  }
  const assistantRanges = roles.has(ASSISTANT) ? spansByAssistantMessage(rendered) : new Map<number, Span>();
  const locator = new PrefixLocator(rendered);
  let turns: TrainedTurn[] = [];
  for (const [index, message] of rendered.messages.entries()) {
    if (!roles.has(message.role) || excluded.has(index)) continue;
    const range = message.role === ASSISTANT ? assistantRanges.get(index) : locator.turnOf(index, selection.endOfTurn);
    if (range !== undefined && range[1] > range[0]) turns.push({ messageIndex: index, role: message.role, range });
  }
  if (selection.lastTurnOnly) turns = turns.slice(-1);
  if (eotRule === "turn") return turns;
  const keepLast = eotRule === "last";
  return turns.map((turn, k) => (keepLast && k === turns.length - 1 ? turn : withoutEndOfTurn(rendered.text, turn, selection.endOfTurn!)));
}

/** Span k belongs to the k-th assistant message; anything else means the correspondence cannot be trusted. */
function spansByAssistantMessage({ messages, spans }: RenderedTurns): Map<number, Span> {
  const assistantIndices = messages.flatMap((message, index) => (message.role === ASSISTANT ? [index] : []));
  if (spans.length !== assistantIndices.length) {
    throw new TurnMaskError(
      `the template marked ${spans.length} generation span${spans.length === 1 ? "" : "s"} for ${assistantIndices.length} assistant ` +
        `message${assistantIndices.length === 1 ? "" : "s"}, so spans cannot be matched to turns`,
    );
  }
  const ordered = [...spans].sort((a, b) => a[0] - b[0]);
  for (let k = 1; k < ordered.length; k++) {
    if (ordered[k]![0] < ordered[k - 1]![1]) throw new TurnMaskError("the template's generation spans overlap, so spans cannot be matched to turns");
  }
  return new Map(assistantIndices.map((messageIndex, k) => [messageIndex, ordered[k]!]));
}

/** Cuts a turn's range where its last end-of-turn token starts: the token and what follows it in the turn stop training. */
function withoutEndOfTurn(text: string, turn: TrainedTurn, endOfTurn: string): TrainedTurn {
  const [start, end] = turn.range;
  const at = text.lastIndexOf(endOfTurn, end - endOfTurn.length);
  if (at < start) return turn;
  return { ...turn, range: [start, at] };
}

/** Finds a message's text in the whole rendering from where the renderings of the messages before and with it end. */
class PrefixLocator {
  private readonly prefixEnds = new Map<number, number>();

  constructor(private readonly rendered: RenderedTurns) {}

  /** The message's content and, right after it, the end-of-turn token; undefined when it has no text. */
  turnOf(index: number, endOfTurn: string | undefined): Span | undefined {
    const message = this.rendered.messages[index]!;
    const texts = contentTexts(message).filter((text) => text !== "");
    if (texts.length === 0) return undefined;
    const regionStart = this.prefixEnd(index);
    const regionEnd = this.prefixEnd(index + 1);
    const { text } = this.rendered;
    const first = findWithin(text, texts[0]!, regionStart, regionEnd);
    const last = texts.length === 1 ? first : findWithin(text, texts[texts.length - 1]!, first?.[1] ?? regionStart, regionEnd);
    if (first === undefined || last === undefined) {
      throw new TurnMaskError(`the text of messages[${index}] (${message.role}) does not appear in what the template renders for it`);
    }
    let end = last[1];
    if (endOfTurn) {
      // Templates may put whitespace between the content and the token (`{{ content }}\n<|end|>`).
      const after = end + /^\s*/.exec(text.slice(end, regionEnd))![0].length;
      if (text.startsWith(endOfTurn, after) && after + endOfTurn.length <= regionEnd) end = after + endOfTurn.length;
    }
    return [first[0], end];
  }

  /** Where the rendering of the first `count` messages ends in the whole rendering (it must be a prefix of it). */
  private prefixEnd(count: number): number {
    if (count === 0) return 0;
    const known = this.prefixEnds.get(count);
    if (known !== undefined) return known;
    const { renderPrefix, text, messages } = this.rendered;
    if (!renderPrefix) throw new TurnMaskError(`training role "${messages[count - 1]!.role}" needs the template's rendering of prefixes`);
    let prefix: string;
    try {
      prefix = renderPrefix(count);
    } catch (error) {
      throw new TurnMaskError(`rendering the first ${count} message${count === 1 ? "" : "s"} alone failed (${(error as Error).message}), so their turns cannot be located`);
    }
    if (!text.startsWith(prefix)) {
      throw new TurnMaskError(
        `the template renders the first ${count} message${count === 1 ? "" : "s"} differently on their own than within the whole ` +
          `conversation (not prefix-preserving here), so turns other than the assistant's cannot be located`,
      );
    }
    this.prefixEnds.set(count, prefix.length);
    return prefix.length;
  }
}

/** The text a message contributes: its string content, or the text of its content blocks. */
function contentTexts(message: ChatMessage): string[] {
  const { content } = message;
  if (typeof content === "string") return [content];
  if (!Array.isArray(content)) return [];
  return content.flatMap((block) => (block && typeof block.text === "string" ? [block.text] : []));
}

/** `needle`'s first occurrence in `text[from, to)`, or its trimmed form's (templates often strip content). */
function findWithin(text: string, needle: string, from: number, to: number): Span | undefined {
  for (const candidate of [needle, needle.trim()]) {
    if (candidate === "") continue;
    const at = text.indexOf(candidate, from);
    if (at !== -1 && at + candidate.length <= to) return [at, at + candidate.length];
  }
  return undefined;
}

function sizeOf(indices: ReadonlySet<number> | readonly number[] | undefined): number {
  if (indices === undefined) return 0;
  return "size" in indices ? indices.size : indices.length;
}
