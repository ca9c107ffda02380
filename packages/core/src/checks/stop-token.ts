import { buildTemplateContext } from "../render/context.ts";
import { renderChat } from "../render/render-chat.ts";
import { masksFromSpans } from "../masks.ts";
import type { TokenizerLike } from "../tokenizer/types.ts";
import { CHECK_NOW, PLAIN_DIALOGUE } from "./fixed-conversations.ts";
import type { CheckOptions, CheckResult } from "./prefix-preservation.ts";

/**
 * Whether every assistant turn's trained tokens end with the end-of-turn token: the last masked token that is not
 * whitespace is `endOfTurn`. A model trained without it never learns to stop.
 */
export async function checkStopTokenTrained(
  template: string,
  tokenizer: TokenizerLike,
  endOfTurn: string,
  options: CheckOptions = {},
): Promise<CheckResult> {
  const stopId = tokenizer.tokenToId(endOfTurn);
  if (stopId === undefined) return { ok: false, detail: `the tokenizer has no token ${JSON.stringify(endOfTurn)}` };
  const context = buildTemplateContext({ messages: PLAIN_DIALOGUE }, options.specialTokens, options.templateKwargs);
  const { text, spans } = renderChat(template, context, { now: CHECK_NOW });
  if (spans.length === 0) return { ok: false, detail: "the template marks no generation spans" };
  const { ids, offsets } = await tokenizer.encode(text);
  for (const [index, span] of spans.entries()) {
    const mask = masksFromSpans(offsets, [span]);
    const masked = ids.map((id, i) => ({ id, i })).filter(({ i }) => mask[i] === 1);
    const last = [...masked].reverse().find(({ i }) => text.slice(offsets[i]![0], offsets[i]![1]).trim() !== "");
    if (!last || last.id !== stopId) {
      const seen = last ? JSON.stringify(text.slice(offsets[last.i]![0], offsets[last.i]![1])) : "nothing";
      return { ok: false, detail: `assistant turn ${index + 1} ends its trained tokens with ${seen}, not ${JSON.stringify(endOfTurn)}` };
    }
  }
  return { ok: true, detail: `all ${spans.length} assistant turns end their trained tokens with ${endOfTurn}` };
}

export async function isStopTokenTrained(template: string, tokenizer: TokenizerLike, endOfTurn: string, options: CheckOptions = {}) {
  return (await checkStopTokenTrained(template, tokenizer, endOfTurn, options)).ok;
}
