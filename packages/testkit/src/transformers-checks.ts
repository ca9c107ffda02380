import { applyChatTemplate, createRegistry, type TokenizerLike, type TrainingTemplate } from "@training-templates/core";
import type { Case } from "./cases.ts";
import { transformersAssistantMasks } from "./python/transformers-masks.ts";
import { bracketMaskedTokens } from "./report.ts";
import { caseHeader, type Failure } from "./text-checks.ts";

/**
 * Python transformers' own `apply_chat_template(..., return_assistant_tokens_mask=True)` with the training template
 * gives the same `input_ids` and `assistant_masks` as our `applyChatTemplate` on the same tokenizer folder.
 * (Its known edge bugs, empty blocks and blocks inside macros or `{% set %}`, do not occur in training templates
 * that mark each turn's output plus its end-of-turn token directly.)
 */
export async function checkTransformersParity(
  cases: Case[],
  variant: TrainingTemplate,
  tokenizer: TokenizerLike,
  tokenizerDir: string,
  python: string,
): Promise<Failure[]> {
  const accepted = cases.filter((testCase) => testCase.training.ok);
  const results = await transformersAssistantMasks(
    tokenizerDir,
    accepted.map((testCase) => ({
      chatTemplate: variant.template,
      messages: testCase.conversation.messages,
      ...(testCase.conversation.tools ? { tools: testCase.conversation.tools } : {}),
      ...(testCase.conversation.documents ? { documents: testCase.conversation.documents } : {}),
      add_generation_prompt: testCase.conversation.add_generation_prompt ?? false,
      kwargs: testCase.kwargs,
    })),
    { python },
  );
  const failures: Failure[] = [];
  const variantRegistry = createRegistry([{ family: variant.family, displayName: variant.displayName, variants: [variant] }]);
  for (const [i, testCase] of accepted.entries()) {
    const result = results[i]!;
    let ours;
    try {
      ours = await applyChatTemplate(tokenizer, testCase.conversation.messages, {
        chatTemplate: variant.template,
        // The variant's own registry: its template is used as the training template it is, markers as written.
        registry: variantRegistry,
        returnAssistantTokensMask: true,
        addGenerationPrompt: testCase.conversation.add_generation_prompt ?? false,
        templateKwargs: testCase.kwargs,
        ...(testCase.conversation.tools ? { tools: testCase.conversation.tools } : {}),
        ...(testCase.conversation.documents ? { documents: testCase.conversation.documents } : {}),
      });
    } catch (error) {
      ours = { error: (error as Error).message };
    }
    if ("error" in result || "error" in ours) {
      if (!("error" in result && "error" in ours)) {
        const what = "error" in result ? `transformers rejects it (${result.errorType}: ${result.error})` : `we reject it (${(ours as { error: string }).error})`;
        failures.push({ caseIndex: testCase.index, message: `${caseHeader(testCase)}\nwith the tokenizer's own special tokens, ${what}, the other side does not` });
      }
      continue;
    }
    const sameIds = JSON.stringify(result.input_ids) === JSON.stringify(ours.input_ids);
    if (!sameIds || JSON.stringify(result.assistant_masks) !== JSON.stringify(ours.assistant_masks)) {
      failures.push({
        caseIndex: testCase.index,
        message:
          `${caseHeader(testCase)}\ntransformers' ${sameIds ? "assistant_masks" : "input_ids"} differ from ours:\n` +
          (sameIds
            ? `  transformers: ${bracketMaskedTokens(ours.text, ours.offsets, result.assistant_masks)}\n  ours:         ${bracketMaskedTokens(ours.text, ours.offsets, ours.assistant_masks!)}`
            : `  ${result.input_ids.length} vs ${ours.input_ids.length} tokens`),
      });
    }
  }
  return failures;
}
