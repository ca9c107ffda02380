import { DerivedMasksError, TemplateLimitError, TrainingTemplatesError } from "../errors.ts";
import { buildTemplateContext } from "../render/context.ts";
import { renderChat, type RenderedChat } from "../render/render-chat.ts";
import type { RenderLimits } from "../render/render-limits.ts";
import type { ChatMessage, Conversation, Span } from "../types.ts";
import { commonPrefixLength, describeTextDifference } from "./text-difference.ts";

export interface DeriveSpansOptions {
  /** The special tokens the template sees (`bos_token`, `eos_token`, …). */
  specialTokens?: Record<string, string>;
  templateKwargs?: Record<string, unknown>;
  now?: () => Date;
  templateName?: string;
  /** Bounds on each render (see `renderChat`). */
  limits?: RenderLimits;
  /**
   * Derive only the last assistant message's span (earlier ones are `[0, 0]`, untrained): for one sample per turn,
   * where earlier turns are context and may be written differently once later messages follow.
   */
  onlyLastTurn?: boolean;
  /**
   * Special tokens' texts that may close a turn (e.g. every special token of the tokenizer). The `eos_token` always
   * may; tokens the generation prompt writes (role headers) and `bos_token`, `pad_token`, `unk_token` never do.
   */
  closingTokens?: readonly string[];
}

const NEVER_CLOSING_KEYS = ["bos_token", "pad_token", "unk_token", "cls_token", "mask_token"];

/**
 * Assistant spans derived from a template's own renders, for a template without (trustworthy) generation markers.
 * For each assistant message `k`, the trained region starts where the render of `messages[:k]` with the generation
 * prompt ends, and runs through the last turn-closing special token that the render of `messages[:k+1]` adds (the
 * whitespace or text after it is not trained; with no such token, the turn's text up to its trailing whitespace).
 * Every prefix render must be a prefix of the whole render: a template that rewrites earlier turns as messages are
 * appended is refused for that conversation, as is one that renders nothing of an assistant message's content.
 * Returns the whole render's text and one span per assistant message that renders any text, in order (with
 * `onlyLastTurn`, an empty `[0, 0]` for each earlier one).
 * Throws `DerivedMasksError`.
 */
export function deriveAssistantSpans(template: string, conversation: Conversation, options: DeriveSpansOptions = {}): RenderedChat {
  const templateName = options.templateName ?? "(unnamed)";
  const { messages } = conversation;
  const addGenerationPrompt = conversation.add_generation_prompt ?? false;
  const renders = new Map<string, string>();
  // Only the special tokens the renders hold matter (a tokenizer may list thousands): each render is scanned once.
  const present = new Set<string>();
  const render = (count: number, generationPrompt: boolean): string => {
    const key = `${count}:${generationPrompt}`;
    const known = renders.get(key);
    if (known !== undefined) return known;
    const text = renderPrefix(count, generationPrompt);
    renders.set(key, text);
    for (const token of tokensIn(text, options.closingTokens ?? [])) present.add(token);
    for (const token of Object.values(options.specialTokens ?? {})) if (token !== "" && text.includes(token)) present.add(token);
    return text;
  };
  const renderPrefix = (count: number, generationPrompt: boolean): string => {
    const context = buildTemplateContext({ ...conversation, messages: messages.slice(0, count), add_generation_prompt: generationPrompt }, options.specialTokens, options.templateKwargs);
    try {
      return renderChat(template, context, { templateName, ...(options.now ? { now: options.now } : {}), ...(options.limits ? { limits: options.limits } : {}) }).text;
    } catch (error) {
      if ((count === messages.length && generationPrompt === addGenerationPrompt) || error instanceof TemplateLimitError) throw error;
      const detail = error instanceof TrainingTemplatesError ? error.message : String(error);
      throw new DerivedMasksError("render-failed", templateName, `rendering the first ${count} message${count === 1 ? "" : "s"} alone failed (${detail}), so the turn boundaries cannot be found`);
    }
  };
  const full = render(messages.length, addGenerationPrompt);
  const eos = options.specialTokens?.["eos_token"];
  const spans: Array<[number, number]> = [];
  const lastAssistant = messages.findLastIndex((message) => message.role === "assistant");
  for (const [index, message] of messages.entries()) {
    if (message.role !== "assistant") continue;
    if (options.onlyLastTurn && index !== lastAssistant) {
      spans.push([0, 0]);
      continue;
    }
    const { start, generationPrompt } = turnStart(render, full, index, templateName, () => [...present]);
    const closersOfTurn = () => closingTokensFor(options, present).filter((token) => !generationPrompt.includes(token));
    const region = index === messages.length - 1 && !addGenerationPrompt ? full.slice(start) : turnRegion(render, full, index, start, closersOfTurn, () => [...present], templateName);
    // Read after the turn's renders: they may have brought special tokens the full render does not hold.
    const closers = closingTokensFor(options, present);
    const turnClosers = closers.filter((token) => !generationPrompt.includes(token));
    const allTokens = [...present];
    const trained = trainedLength(region, turnClosers, eos && turnClosers.includes(eos) ? eos : undefined, allTokens);
    const expectsOutput = hasOutput(message, closers);
    if (trained === 0) {
      if (expectsOutput) {
        throw new DerivedMasksError("no-assistant-output", templateName, `the template renders nothing for messages[${index}] (assistant), so there is nothing to train`);
      }
      continue;
    }
    if (expectsOutput && stripTokens(full.slice(start, start + trained), closers).trim() === "") {
      throw new DerivedMasksError(
        "no-assistant-output",
        templateName,
        `the template renders none of messages[${index}]'s content (only ${JSON.stringify(full.slice(start, start + trained))}), so there is nothing to train`,
      );
    }
    spans.push([start, start + trained]);
  }
  return { text: full, spans };
}

/** Where assistant turn `index`'s output starts in `full`, and the generation prompt that precedes it. */
function turnStart(
  render: (count: number, generationPrompt: boolean) => string,
  full: string,
  index: number,
  templateName: string,
  tokensOf: () => readonly string[],
): { start: number; generationPrompt: string } {
  const prompted = render(index, true);
  // The generation prompt is what the render with it adds (templates may also close the conversation differently
  // without it, e.g. with an eos), taken from a line or token boundary.
  const plain = render(index, false);
  const tokens = tokensOf();
  const before = prompted.startsWith(plain) ? plain.length : boundaryBefore(prompted, commonPrefixLength(prompted, plain), tokens);
  const generationPrompt = prompted.slice(before);
  if (full.startsWith(prompted)) return { start: prompted.length, generationPrompt };
  if (!full.startsWith(prompted.slice(0, before))) {
    throw new DerivedMasksError(
      "history-rewritten",
      templateName,
      `the template renders messages[0..${index - 1}] differently once messages[${index}] follows ` +
        `(${describeTextDifference("alone", prompted.slice(0, before), "in the whole conversation", full)}): it rewrites history, so a ` +
        `turn's text depends on what comes after it`,
    );
  }
  // The generation prompt is not what the turn is written with (say it opens a think block the turn does not have):
  // the turn's output starts where the two part, at a line or token boundary of the prompt.
  // Never before the generation prompt itself: the messages before it are not the turn's.
  return { start: Math.max(before, boundaryBefore(prompted, commonPrefixLength(prompted, full), tokens)), generationPrompt };
}

/**
 * The text of assistant turn `index` in `full`, from `start`: up to where the render of `messages[:index+1]` ends.
 * Where that render is not a prefix of `full` (many templates close the last message differently, with an eos or a
 * think block), the region is what the two share, and it must reach a closing token: the turn's own text through
 * its closing token is then the same either way, and only what follows the token (never trained) differs.
 */
function turnRegion(
  render: (count: number, generationPrompt: boolean) => string,
  full: string,
  index: number,
  start: number,
  closersOf: () => readonly string[],
  tokensOf: () => readonly string[],
  templateName: string,
): string {
  const alone = render(index + 1, false);
  const closers = closersOf();
  const tokens = tokensOf();
  if (full.startsWith(alone)) return full.slice(start, alone.length);
  const shared = full.slice(start, Math.max(start, commonPrefixLength(alone, full)));
  // The shared text reaches the turn's closing token when only whitespace and special tokens (the last maybe cut
  // short where the two renders part) follow its last closing token.
  const lastCloserEnd = Math.max(
    ...closers.map((token) => {
      const at = shared.lastIndexOf(token);
      return at === -1 ? -1 : at + token.length;
    }),
  );
  if (lastCloserEnd > 0 && endOfText(withoutPartialToken(shared.slice(lastCloserEnd), tokens), tokens) === 0) return shared.slice(0, lastCloserEnd);
  // Or the two part where the turn's closing token starts (the last turn closes with an eos, earlier ones with their
  // own token or a newline): the turn's text is the same either way, and ends there in the whole render, through the
  // closing token found there if any.
  const parted = start + shared.length;
  for (const token of closers) {
    for (let at = Math.max(start, parted - token.length + 1); at <= parted; at++) {
      if (!alone.startsWith(token, at)) continue;
      const closing = closers.find((other) => full.startsWith(other, at));
      return full.slice(start, closing ? at + closing.length : at);
    }
  }
  return full.slice(start, prefixEnd(alone, full, index + 1, templateName));
}

/** Checks that a prefix's render is a prefix of the whole render, and returns its length. */
function prefixEnd(prefix: string, full: string, count: number, templateName: string): number {
  if (!full.startsWith(prefix)) {
    throw new DerivedMasksError(
      "history-rewritten",
      templateName,
      `the template renders the first ${count} message${count === 1 ? "" : "s"} differently once later messages follow ` +
        `(${describeTextDifference("alone", prefix, "in the whole conversation", full)}): it rewrites history, so a turn's ` +
        `text depends on what comes after it`,
    );
  }
  return prefix.length;
}

/** The last position at or before `limit` in `text` that ends a line or a special token (or 0). */
function boundaryBefore(text: string, limit: number, tokens: readonly string[]): number {
  if (limit >= text.length) return text.length;
  let boundary = text.lastIndexOf("\n", limit - 1) + 1;
  for (const token of tokens) {
    for (let at = text.indexOf(token); at !== -1 && at + token.length <= limit; at = text.indexOf(token, at + 1)) {
      boundary = Math.max(boundary, at + token.length);
    }
  }
  return boundary;
}

/**
 * How much of a turn's region trains. The region ends with a run of special tokens and whitespace after the turn's
 * text: the run trains through its last eos (some templates write the next role header right after it), else
 * through its last closing token; with none, the turn's text up to its trailing whitespace trains.
 */
function trainedLength(region: string, closers: readonly string[], eos: string | undefined, tokens: readonly string[]): number {
  const textEnd = endOfText(region, tokens);
  const run = region.slice(textEnd);
  if (eos) {
    const at = run.lastIndexOf(eos);
    if (at !== -1) return textEnd + at + eos.length;
  }
  let end = -1;
  for (const token of closers) {
    const at = run.lastIndexOf(token);
    if (at !== -1) end = Math.max(end, at + token.length);
  }
  return end !== -1 ? textEnd + end : region.trimEnd().length;
}

/** `text` without a trailing beginning of one of `tokens` (where two renders part inside a token). */
function withoutPartialToken(text: string, tokens: readonly string[]): string {
  for (let at = Math.max(0, text.length - Math.max(0, ...tokens.map((token) => token.length)) + 1); at < text.length; at++) {
    const tail = text.slice(at);
    if (tokens.some((token) => token.startsWith(tail))) return text.slice(0, at);
  }
  return text;
}

/** Where `region`'s text ends before its trailing run of `tokens` and whitespace. */
function endOfText(region: string, tokens: readonly string[]): number {
  let end = region.length;
  for (;;) {
    const trimmed = region.slice(0, end).trimEnd().length;
    const token = tokens.find((candidate) => region.startsWith(candidate, trimmed - candidate.length) && trimmed >= candidate.length);
    if (token === undefined) return trimmed;
    end = trimmed - token.length;
  }
}

const tokenPatterns = new WeakMap<readonly string[], RegExp>();
const tokenSets = new WeakMap<readonly string[], ReadonlySet<string>>();

function tokenSet(tokens: readonly string[]): ReadonlySet<string> {
  let set = tokenSets.get(tokens);
  if (!set) tokenSets.set(tokens, (set = new Set(tokens)));
  return set;
}

/** Which of `tokens` occur in `text`: one regular-expression pass, compiled once per token list. */
function tokensIn(text: string, tokens: readonly string[]): Set<string> {
  if (tokens.length === 0) return new Set();
  let pattern = tokenPatterns.get(tokens);
  if (!pattern) {
    const alternatives = [...new Set(tokens)].filter((token) => token !== "").sort((a, b) => b.length - a.length);
    pattern = new RegExp(alternatives.map((token) => token.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
    tokenPatterns.set(tokens, pattern);
  }
  // Longest first, as a tokenizer matches added tokens: a token only inside a longer one's match is not there as a
  // token of its own (the named special tokens are also looked for with `includes` by the caller).
  return new Set(text.match(pattern) ?? []);
}

/** The special tokens in the text that may close a turn: the closing tokens and the eos, never bos, pad or unk. */
function closingTokensFor(options: DeriveSpansOptions, present: ReadonlySet<string>): string[] {
  const tokens = options.specialTokens ?? {};
  // A tokenizer may name one token for several roles (pad = eos): the eos still closes turns.
  const never = new Set(NEVER_CLOSING_KEYS.map((key) => tokens[key]).filter((text): text is string => !!text && text !== tokens["eos_token"]));
  const closing = tokenSet(options.closingTokens ?? []);
  return [...present].filter((token) => (closing.has(token) || token === tokens["eos_token"]) && !never.has(token));
}

function stripTokens(text: string, tokens: readonly string[]): string {
  let stripped = text;
  for (const token of tokens) stripped = stripped.split(token).join("");
  return stripped;
}

/** Whether the message holds anything a template should write: text (besides special tokens) or tool calls. */
function hasOutput(message: ChatMessage, tokens: readonly string[]): boolean {
  const { content } = message;
  const text = typeof content === "string" ? content : Array.isArray(content) ? content.map((block) => (typeof block?.text === "string" ? block.text : "")).join("") : "";
  return stripTokens(text, tokens).trim() !== "" || (Array.isArray(message.tool_calls) && message.tool_calls.length > 0);
}

export type { Span };
