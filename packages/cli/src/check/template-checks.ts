import {
  buildTemplateContext,
  checkStopTokenTrained,
  checkTokenPrefixPreservation,
  checkToolCalling,
  deriveAssistantSpans,
  DerivedMasksError,
  findContentBlocksProblem,
  hasGenerationMarkers,
  selectNamedTemplate,
  specialTokensFromConfig,
  specialTokenTextsFromConfig,
  tryRender,
  type ChatMessage,
  type CheckOptions,
  type Span,
} from "@training-templates/core";
import { messageOf } from "../cli-error.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import type { CheckItem, TemplateChecks, TrainingTemplateReport } from "./check-report.ts";
import type { TemplateToCheck } from "./resolve-template.ts";

/** A dialogue whose user and assistant texts occur nowhere else in a rendering, so each can be found. */
const MARKER_DIALOGUE: ChatMessage[] = [
  { role: "user", content: "Which planet is the largest?" },
  { role: "assistant", content: "Jupiter is the largest planet." },
  { role: "user", content: "And the smallest one?" },
  { role: "assistant", content: "Mercury is the smallest." },
];

const FIXED_NOW = () => new Date(2025, 0, 15, 12, 0, 0);

/** The checks that need no Python: on the template the user would train with, with the tokenizer's special tokens. */
export async function runTemplateChecks(
  toCheck: TemplateToCheck,
  tokenizer: LoadedTokenizer,
  endOfTurn: TrainingTemplateReport["endOfTurn"],
): Promise<Omit<TemplateChecks, "pythonParity">> {
  const primary = selectNamedTemplate(toCheck.chatTemplate) ?? "";
  const withTools = selectNamedTemplate(toCheck.chatTemplate, true) ?? primary;
  const options: CheckOptions = {
    specialTokens: specialTokensFromConfig(tokenizer.config),
    ...(toCheck.variant?.defaultKwargs ? { templateKwargs: toCheck.variant.defaultKwargs } : {}),
  };
  const derived = toCheck.plan?.strategy === "derived" ? toCheck.plan : undefined;
  if (derived) {
    const closingTokens = specialTokenTextsFromConfig(tokenizer.config);
    return {
      generationMarkers: { status: "pass", detail: `none needed: ${derived.note ?? "masks derived from the template's own renders"}; each record's spans are derived and verified as it is prepared` },
      prefixPreservation: await guardedAsync(async () => {
        const result = await checkTokenPrefixPreservation(primary, tokenizer, options);
        // Not a blocker here: each record's derived spans are verified, and a record whose history changes is rejected.
        if (result.ok) return { status: "pass", detail: result.detail };
        return { status: "warn", detail: `${result.detail}: records whose earlier turns change are rejected (masks-not-derived); single-turn records and the rest train` };
      }),
      stopToken: guarded(() => checkDerivedStopToken(primary, options, closingTokens, endOfTurn?.token)),
      toolCalling: guarded(() => checkTools(withTools, toCheck, options)),
      contentBlocks: guarded(() => checkContentBlocks(primary, toCheck, options)),
    };
  }
  return {
    generationMarkers: guarded(() => checkMarkers(primary, options)),
    prefixPreservation: await guardedAsync(async () => passOrFail(await checkTokenPrefixPreservation(primary, tokenizer, options))),
    // A synthesized template's spans are the derived ones: its turns end where the template closes them.
    stopToken:
      toCheck.plan?.strategy === "synthesized"
        ? guarded(() => checkDerivedStopToken(toCheck.plan!.original, options, specialTokenTextsFromConfig(tokenizer.config), endOfTurn?.token))
        : endOfTurn
          ? await guardedAsync(async () => passOrFail(await checkStopTokenTrained(primary, tokenizer, endOfTurn.token, options)))
          : { status: "not checked", detail: "no end-of-turn token is known (the tokenizer names no eos_token)" },
    toolCalling: guarded(() => checkTools(withTools, toCheck, options)),
    contentBlocks: guarded(() => checkContentBlocks(primary, toCheck, options)),
  };
}

/** Markers exist, mark every assistant reply, and leave the user's words out. */
function checkMarkers(template: string, options: CheckOptions): CheckItem {
  if (!hasGenerationMarkers(template)) return { status: "fail", detail: "the template has no {% generation %} markers: nothing would train" };
  const context = buildTemplateContext({ messages: MARKER_DIALOGUE }, options.specialTokens, options.templateKwargs);
  const outcome = tryRender(template, context, { now: FIXED_NOW });
  if (!outcome.ok) return { status: "fail", detail: `the template rejects a plain two-turn dialogue: ${outcome.error}` };
  const { text, spans } = outcome;
  for (const message of MARKER_DIALOGUE) {
    const content = message.content as string;
    const at = text.indexOf(content);
    if (at === -1) return { status: "fail", detail: `a ${message.role} message's text does not appear in the rendering` };
    const trains = insideSpan(spans, at, at + content.length);
    if (message.role === "assistant" && !trains) return { status: "fail", detail: `the assistant reply ${JSON.stringify(content)} is outside every generation span` };
    if (message.role !== "assistant" && insideAnySpan(spans, at, at + content.length)) {
      return { status: "fail", detail: `the user's text ${JSON.stringify(content)} is inside a generation span: it would train` };
    }
  }
  const replies = MARKER_DIALOGUE.filter((message) => message.role === "assistant").length;
  return { status: "pass", detail: `${spans.length} generation span${spans.length === 1 ? "" : "s"} on a dialogue of ${replies} replies: each reply trains, the user's text does not` };
}

/** Derived masks end each turn with the token that closes it; a template that writes none leaves the model unable to stop. */
function checkDerivedStopToken(template: string, options: CheckOptions, closingTokens: string[], endOfTurn: string | undefined): CheckItem {
  const derive = (messages: ChatMessage[]) =>
    deriveAssistantSpans(template, { messages }, {
      ...(options.specialTokens ? { specialTokens: options.specialTokens } : {}),
      ...(options.templateKwargs ? { templateKwargs: options.templateKwargs } : {}),
      closingTokens,
      now: FIXED_NOW,
    });
  let derived: ReturnType<typeof derive>;
  try {
    derived = derive(MARKER_DIALOGUE);
  } catch (error) {
    // A template that rewrites history refuses the two-turn dialogue; its first exchange still shows how a turn ends.
    if (!(error instanceof DerivedMasksError)) throw error;
    derived = derive(MARKER_DIALOGUE.slice(0, 2));
  }
  const { text, spans } = derived;
  const closers = endOfTurn ? [endOfTurn, ...closingTokens] : closingTokens;
  const closed = spans.map(([start, end]) => closers.some((token) => text.slice(start, end).endsWith(token)));
  const open = spans.filter((_, k) => !closed[k]);
  if (open.length === 0) return { status: "pass", detail: `each of ${spans.length} derived turns ends with its closing token (${JSON.stringify(text.slice(spans[0]![1] - 12, spans[0]![1]))})` };
  const example = JSON.stringify(text.slice(...open[0]!));
  if (closed.at(-1)) {
    return {
      status: "warn",
      detail: `the last turn ends with its closing token, but ${open.length} earlier turn${open.length === 1 ? "" : "s"} end with no special token (e.g. ${example}): the template writes it only after the last turn, so the model learns to stop only at the end of a conversation`,
    };
  }
  return {
    status: "fail",
    detail: `${open.length} of ${spans.length} derived turns end with no special token (e.g. ${example}): the template writes no end-of-turn token after them, so the model would not learn to stop`,
  };
}

function checkTools(template: string, toCheck: TemplateToCheck, options: CheckOptions): CheckItem {
  if (toCheck.variant && !toCheck.variant.supportsTools) {
    return { status: "warn", detail: `${toCheck.variant.id} does not support tools: train on conversations without tools` };
  }
  const result = checkToolCalling(template, options);
  return result.ok ? { status: "pass", detail: result.detail } : { status: "warn", detail: `${result.detail}: conversations with tools cannot be trained` };
}

/** Data in the multimodal shape: each message's text as a list of one text block. */
const BLOCKS_DIALOGUE: ChatMessage[] = MARKER_DIALOGUE.map((message) => ({ ...message, content: [{ type: "text", text: message.content as string }] }));

/**
 * Whether the template writes the text of content blocks, or would have records with them rejected (a list written
 * as its Python repr, dropped, or failed on): the same probe `prepare`'s default `--content-blocks reject` runs.
 */
function checkContentBlocks(template: string, toCheck: TemplateToCheck, options: CheckOptions): CheckItem {
  const finding = findContentBlocksProblem(
    template,
    { messages: BLOCKS_DIALOGUE },
    {
      ...(options.specialTokens ? { specialTokens: options.specialTokens } : {}),
      ...(options.templateKwargs ? { templateKwargs: options.templateKwargs } : {}),
      renderOptions: { templateName: toCheck.name, now: FIXED_NOW },
    },
  );
  if (!finding) return { status: "pass", detail: 'the text of content blocks ([{"type": "text", …}]) renders as text' };
  const how = {
    repr: "writes a list of content blocks as Python ([{'type': 'text', …}])",
    dropped: "takes only string content (a list of content blocks renders as an empty turn)",
    fails: `fails on a list of content blocks (${finding.how === "fails" ? finding.error : ""})`,
  }[finding.how];
  return { status: "warn", detail: `the template ${how}: such records are rejected unless --content-blocks join` };
}

function passOrFail(result: { ok: boolean; detail: string }): CheckItem {
  return { status: result.ok ? "pass" : "fail", detail: result.detail };
}

/** A check that throws (a template failing on a probe) has failed; the report still comes out whole. */
function guarded(check: () => CheckItem): CheckItem {
  try {
    return check();
  } catch (error) {
    return { status: "fail", detail: messageOf(error) };
  }
}

async function guardedAsync(check: () => Promise<CheckItem>): Promise<CheckItem> {
  try {
    return await check();
  } catch (error) {
    return { status: "fail", detail: messageOf(error) };
  }
}

function insideSpan(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some(([from, to]) => from <= start && end <= to);
}

function insideAnySpan(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some(([from, to]) => start < to && from < end);
}
