import {
  applyChatTemplate,
  checkStopTokenTrained,
  checkTokenPrefixPreservation,
  checkToolCalling,
  specialTokensFromConfig,
  type ChatMessage,
  type CheckOptions,
  type Registry,
  type TokenizerLike,
} from "@training-templates/core";
import { endOfTurnOf, type ChosenTemplate } from "./choose-template.ts";
import type { CheckLine } from "./protocol.ts";

/** Two replies whose trained tokens must each end with the end-of-turn token. */
const DIALOGUE: ChatMessage[] = [
  { role: "user", content: "What color is the sky?" },
  { role: "assistant", content: "It is blue." },
  { role: "user", content: "And at night?" },
  { role: "assistant", content: "It is black." },
];

/**
 * The checks `training-templates check` runs without Python, on the template that trains: the training template
 * when the strategy has one, else the model's own template (whose masks are derived). They depend on the template
 * and the tokenizer, not on the conversation being edited, so they run once per template.
 */
export async function runChecks(chosen: ChosenTemplate, tokenizer: TokenizerLike, registry: Registry): Promise<CheckLine[]> {
  const { plan } = chosen;
  const checked = plan.trainingTemplate ?? plan.original;
  const options: CheckOptions = {
    specialTokens: specialTokensFromConfig(tokenizer.config),
    ...(chosen.variant?.defaultKwargs ? { templateKwargs: chosen.variant.defaultKwargs } : {}),
  };
  const endOfTurn = endOfTurnOf(chosen, registry, tokenizer);
  return [
    await guarded("prefix preservation", async () => passOrFail(await checkTokenPrefixPreservation(checked, tokenizer, options))),
    await guarded("stop token trained", async () => {
      if (!endOfTurn) return { status: "not checked", detail: "no end-of-turn token is known (the tokenizer names no eos_token)" };
      if (plan.trainingTemplate) return passOrFail(await checkStopTokenTrained(plan.trainingTemplate, tokenizer, endOfTurn, options));
      return passOrFail(await derivedStopTokenTrained(chosen, tokenizer, endOfTurn));
    }),
    await guarded("tool calling", async () => {
      const result = checkToolCalling(checked, options);
      return result.ok ? { status: "pass", detail: result.detail } : { status: "warn", detail: `${result.detail}: conversations with tools cannot be trained` };
    }),
  ];
}

/**
 * `checkStopTokenTrained` reads a template's markers; derived masks have none, so the same question is asked of the
 * masks `applyChatTemplate` derives for a plain dialogue: each reply's last trained token that is not whitespace.
 */
async function derivedStopTokenTrained(chosen: ChosenTemplate, tokenizer: TokenizerLike, endOfTurn: string): Promise<{ ok: boolean; detail: string }> {
  const stopId = tokenizer.tokenToId(endOfTurn);
  if (stopId === undefined) return { ok: false, detail: `the tokenizer has no token ${JSON.stringify(endOfTurn)}` };
  const encoding = await applyChatTemplate(tokenizer, DIALOGUE, {
    returnAssistantTokensMask: true,
    plan: chosen.plan,
    now: () => new Date(2025, 0, 15),
    ...(chosen.chatTemplate !== undefined ? { chatTemplate: chosen.chatTemplate } : {}),
  });
  const { input_ids: ids, offsets, text } = encoding;
  const masks = encoding.assistant_masks!;
  const runs: number[][] = [];
  masks.forEach((bit, i) => {
    if (bit !== 1) return;
    if (i > 0 && masks[i - 1] === 1) runs[runs.length - 1]!.push(i);
    else runs.push([i]);
  });
  if (runs.length === 0) return { ok: false, detail: "no token of a plain dialogue trains" };
  for (const [index, run] of runs.entries()) {
    const last = [...run].reverse().find((i) => text.slice(offsets[i]![0], offsets[i]![1]).trim() !== "");
    if (last === undefined || ids[last] !== stopId) {
      const seen = last === undefined ? "nothing" : JSON.stringify(text.slice(offsets[last]![0], offsets[last]![1]));
      return { ok: false, detail: `assistant turn ${index + 1} ends its derived trained tokens with ${seen}, not ${JSON.stringify(endOfTurn)}` };
    }
  }
  return { ok: true, detail: `all ${runs.length} assistant turns end their derived trained tokens with ${endOfTurn}` };
}

function passOrFail(result: { ok: boolean; detail: string }): Omit<CheckLine, "name"> {
  return { status: result.ok ? "pass" : "fail", detail: result.detail };
}

/** A check that throws (the template fails on its probe) has failed; the other checks still run. */
async function guarded(name: string, check: () => Promise<Omit<CheckLine, "name">>): Promise<CheckLine> {
  try {
    return { name, ...(await check()) };
  } catch (error) {
    return { name, status: "fail", detail: error instanceof Error ? error.message : String(error) };
  }
}
