import { applyChatTemplate, selectNamedTemplate, type Registry, type TokenizerLike } from "@training-templates/core";
import { chooseTemplate, type ChosenTemplate } from "./choose-template.ts";
import { describeStrategy } from "./describe-strategy.ts";
import { parseConversation, type ConversationInput } from "./parse-conversation.ts";
import { plainError, PlainProblem } from "./plain-error.ts";
import type { CheckLine, ComputeRequest, ResultMessage } from "./protocol.ts";
import { runChecks } from "./template-checks.ts";
import { tokenChips } from "./token-chips.ts";

/** Checks depend on the template and the tokenizer only: kept for the template last checked, not rerun per keystroke. */
let lastChecks: { tokenizer: TokenizerLike; key: string; checks: CheckLine[] } | undefined;

/**
 * One answer to the page: the strategy, the checks and the download come from the template alone, so they show
 * even when the conversation is wrong; the tokens need both. Every failure becomes plain words in `error`.
 */
export async function computeResult(request: ComputeRequest, tokenizer: TokenizerLike | undefined, registry: Registry): Promise<ResultMessage> {
  const result: ResultMessage = { type: "result", revision: request.revision };
  let conversation: ConversationInput | undefined;
  let chosen: ChosenTemplate;
  try {
    if (!tokenizer) {
      throw new PlainProblem("No tokenizer yet", "pick or drop a model's tokenizer.json and tokenizer_config.json (and chat_template.jinja where it has one), or load a Hub model.", { hint: true });
    }
    try {
      conversation = parseConversation(request.conversation);
    } catch {
      // The template is still shown and checked; the conversation's error is reported below.
    }
    chosen = chooseTemplate(request.choice, tokenizer, registry, conversation?.tools !== undefined);
  } catch (error) {
    return { ...result, ...templateShownOnError(request, tokenizer, registry), error: plainError(error) };
  }
  result.templateShown = chosen.shown;
  result.strategy = describeStrategy(chosen.plan);
  result.checks = await checksFor(chosen, tokenizer, registry);
  const training = chosen.plan.trainingTemplate;
  if (training) result.trainingTemplate = { fileName: `${chosen.plan.variantId ?? chosen.plan.strategy}.training.jinja`, text: training };
  try {
    const input = conversation ?? parseConversation(request.conversation);
    const kwargs = { ...chosen.variant?.defaultKwargs, ...input.templateKwargs };
    const encoding = await applyChatTemplate(tokenizer, input.messages, {
      returnAssistantTokensMask: true,
      registry,
      plan: chosen.plan,
      ...(chosen.chatTemplate !== undefined ? { chatTemplate: chosen.chatTemplate } : {}),
      ...(input.tools ? { tools: input.tools } : {}),
      ...(input.documents ? { documents: input.documents } : {}),
      ...(Object.keys(kwargs).length > 0 ? { templateKwargs: kwargs } : {}),
      ...(input.addGenerationPrompt !== undefined ? { addGenerationPrompt: input.addGenerationPrompt } : {}),
    });
    result.strategy = describeStrategy(chosen.plan, encoding.templateUsed);
    result.tokens = tokenChips(encoding);
  } catch (error) {
    result.error = plainError(error);
  }
  return result;
}

async function checksFor(chosen: ChosenTemplate, tokenizer: TokenizerLike, registry: Registry): Promise<CheckLine[]> {
  const key = JSON.stringify([chosen.plan.original, chosen.plan.trainingTemplate ?? null, chosen.variant?.id ?? null]);
  if (lastChecks?.tokenizer === tokenizer && lastChecks.key === key) return lastChecks.checks;
  const checks = await runChecks(chosen, tokenizer, registry);
  lastChecks = { tokenizer, key, checks };
  return checks;
}

/** The template is shown even when nothing can be computed for it (no tokenizer yet, no verifiable masks). */
function templateShownOnError(request: ComputeRequest, tokenizer: TokenizerLike | undefined, registry: Registry): Pick<ResultMessage, "templateShown"> {
  const template =
    request.choice.kind === "variant"
      ? registry.get(request.choice.id)?.template
      : request.choice.kind === "own"
        ? selectNamedTemplate(tokenizer?.config?.chat_template)
        : undefined;
  return template === undefined ? {} : { templateShown: template };
}
