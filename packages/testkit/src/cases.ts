import {
  buildTemplateContext,
  describeRenderEngine,
  sampleConversations,
  tryRender,
  type Conversation,
  type RenderOutcome,
  type TrainingTemplate,
} from "@training-templates/core";
import type { ConformanceOptions } from "./options.ts";

export type Outcome = RenderOutcome;

/** One generated conversation under one kwargs set, rendered by the expectation and by the training template. */
export interface Case {
  index: number;
  conversation: Conversation;
  kwargs: Record<string, unknown>;
  context: Record<string, unknown>;
  /** The original (with the kit's patches applied, if any). */
  expected: Outcome;
  /** The unpatched original, when patches exist. */
  unpatched?: Outcome;
  training: Outcome;
}

export function render(template: string, context: Record<string, unknown>, now: Date, templateName: string): Outcome {
  const outcome = tryRender(template, context, { now: () => now, templateName });
  if (describeRenderEngine(template, templateName).engine === "compiled") {
    assertSameAsInterpreter(outcome, tryRender(template, context, { now: () => now, templateName, engine: "interpreter" }), templateName);
  }
  return outcome;
}

/** Every kit render of a compiled template proves the compiled renderer equal to the interpreter, or fails loudly. */
function assertSameAsInterpreter(compiled: Outcome, interpreted: Outcome, templateName: string): void {
  const a = JSON.stringify(compiled);
  const b = JSON.stringify(interpreted);
  if (a === b) return;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 80), i + 80));
  throw new Error(
    `${templateName}: the compiled render differs from the interpreter's at character ${i} of the outcome\n` +
      `  compiled:    ${around(a)}\n  interpreter: ${around(b)}`,
  );
}

/** A stable seed per variant, so each variant sees its own conversations, the same on every run. */
export function seedFor(id: string): number {
  let hash = 2166136261;
  for (const ch of id) hash = Math.imul(hash ^ ch.charCodeAt(0), 16777619);
  return hash >>> 0;
}

export function buildCases(
  options: ConformanceOptions,
  original: string,
  patched: string,
  now: Date,
): Case[] {
  const variant: TrainingTemplate = options.variant;
  const conversations = sampleConversations({
    seed: options.seed ?? seedFor(variant.id),
    count: options.conversations ?? 200,
    features: options.features ?? { tools: variant.supportsTools },
  });
  const kwargsSets = options.kwargsSets ?? [variant.defaultKwargs ?? {}];
  const cases: Case[] = [];
  for (const kwargs of kwargsSets) {
    for (const conversation of conversations) {
      const context = buildTemplateContext(conversation, variant.specialTokens, kwargs);
      cases.push({
        index: cases.length,
        conversation,
        kwargs,
        context,
        expected: render(patched, context, now, `${variant.id} (original${patched === original ? "" : ", patched"})`),
        ...(patched === original ? {} : { unpatched: render(original, context, now, `${variant.id} (original)`) }),
        training: render(variant.template, context, now, variant.id),
      });
    }
  }
  return cases;
}

export function renderPrefix(variant: TrainingTemplate, testCase: Case, count: number, addGenerationPrompt: boolean, template: string, now: Date): Outcome {
  const conversation: Conversation = {
    ...testCase.conversation,
    messages: testCase.conversation.messages.slice(0, count),
    add_generation_prompt: addGenerationPrompt,
  };
  return render(template, buildTemplateContext(conversation, variant.specialTokens, testCase.kwargs), now, variant.id);
}
