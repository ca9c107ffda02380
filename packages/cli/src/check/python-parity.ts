import {
  buildTemplateContext,
  sampleConversations,
  selectNamedTemplate,
  specialTokensFromConfig,
  tryRender,
  type Conversation,
  type RenderOutcome,
  type TokenizerConfig,
} from "@training-templates/core";
import { renderWithPython, type ReferenceRenderResult } from "@training-templates/testkit/python";
import { messageOf } from "../cli-error.ts";
import type { CheckItem } from "./check-report.ts";
import type { TemplateToCheck } from "./resolve-template.ts";

/** Fixed, so a report says the same thing on every run and machine. */
const PARITY_SEED = 0x5eed;
export const PARITY_CONVERSATIONS = 8;
const PARITY_NOW = new Date(2025, 0, 15, 12, 0, 0);

/**
 * Renders sample conversations with the template the user would train with, here and under Python Jinja2 set up as
 * transformers does, and requires the same text, the same generation spans and the same rejections: the text
 * trained on is then the text transformers renders. Python is $TRAINING_TEMPLATES_PYTHON, else python3; when it
 * or its Jinja2 is missing the check is "not checked", with the reason.
 */
export async function checkPythonParity(toCheck: TemplateToCheck, config: TokenizerConfig): Promise<CheckItem> {
  const conversations = sampleConversations({
    seed: PARITY_SEED,
    count: PARITY_CONVERSATIONS,
    features: { tools: toCheck.variant?.supportsTools ?? true, maxTurns: 3 },
  });
  const specialTokens = specialTokensFromConfig(config);
  const jobs = conversations.map((conversation) => ({
    template: selectNamedTemplate(toCheck.chatTemplate, conversation.tools !== undefined) ?? "",
    context: buildTemplateContext(conversation, specialTokens, toCheck.variant?.defaultKwargs),
    now: PARITY_NOW,
  }));
  let python: ReferenceRenderResult[];
  try {
    python = await renderWithPython(jobs);
  } catch (error) {
    return { status: "not checked", detail: firstLine(messageOf(error)) };
  }
  let rendered = 0;
  for (const [index, job] of jobs.entries()) {
    const ours = tryRender(job.template, job.context, { now: () => PARITY_NOW, templateName: toCheck.name });
    const difference = describeDifference(ours, python[index]!, conversations[index]!);
    if (difference) return { status: "fail", detail: `sample conversation ${index + 1} of ${jobs.length}: ${difference}` };
    if (ours.ok) rendered++;
  }
  const rejected = jobs.length - rendered;
  return {
    status: "pass",
    detail: `${jobs.length} sample conversations: same text and generation spans as Python Jinja2` + (rejected > 0 ? ` (${rejected} rejected by both)` : ""),
  };
}

function describeDifference(ours: RenderOutcome, python: ReferenceRenderResult, conversation: Conversation): string | undefined {
  const tools = conversation.tools ? ", with tools" : "";
  if ("error" in python) {
    return ours.ok ? `Python rejects it (${python.errorType}: ${firstLine(python.error)}) and we render it${tools}` : undefined;
  }
  if (!ours.ok) return `we reject it (${firstLine(ours.error)}) and Python renders it${tools}`;
  if (ours.text !== python.text) return `the text differs from Python's at character ${firstDifference(ours.text, python.text)}${tools}`;
  if (JSON.stringify(ours.spans) !== JSON.stringify(python.spans)) {
    return `the generation spans differ: ours ${JSON.stringify(ours.spans)}, Python's ${JSON.stringify(python.spans)}`;
  }
  return undefined;
}

function firstDifference(a: string, b: string): number {
  let index = 0;
  while (index < a.length && index < b.length && a[index] === b[index]) index++;
  return index;
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "")?.trim() ?? text;
}
