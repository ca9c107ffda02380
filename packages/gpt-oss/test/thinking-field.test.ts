import { readFileSync } from "node:fs";
import {
  buildTemplateContext,
  sampleConversations,
  sameOutcome,
  tryRender,
  type ChatMessage,
  type Conversation,
  type RenderOutcome,
} from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath, renderWithPython } from "@training-templates/testkit";
import { beforeAll, describe, expect, it } from "vitest";
import { gptOss20b, gptOss20bOriginalPatches } from "../src/index.ts";

// The GPT-OSS original reads reasoning from `thinking`, while the kit's generated conversations carry it in
// `reasoning_content`, which this template ignores. These checks run the kit's conversations again with the
// reasoning moved to `thinking`, so the analysis messages of final and tool-call turns are exercised too.

const now = new Date(2025, 6, 26, 10, 30, 0);
const END_OF_TURN = ["<|return|>", "<|call|>"];

function withThinking(conversation: Conversation): Conversation {
  const messages = conversation.messages.map((message): ChatMessage => {
    if (message.reasoning_content === undefined) return message;
    const { reasoning_content: thinking, ...rest } = message;
    return { ...rest, thinking };
  });
  return { ...conversation, messages };
}

function render(template: string, conversation: Conversation): RenderOutcome {
  return tryRender(template, buildTemplateContext(conversation, gptOss20b.specialTokens), { now: () => now });
}

interface ThinkingCase {
  conversation: Conversation;
  original: RenderOutcome;
  patched: RenderOutcome;
  training: RenderOutcome;
}

describe("gpt-oss-20b with reasoning in `thinking`", () => {
  let cases: ThinkingCase[];

  beforeAll(() => {
    const original = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath("gpt-oss__20b.jinja")));
    const patched = applyOriginalPatches(original, gptOss20bOriginalPatches);
    cases = sampleConversations({ seed: 20_250_726, count: 200, features: { tools: true, toolCallsPerTurn: "one" } })
      .map(withThinking)
      .map((conversation) => ({
        conversation,
        original: render(original, conversation),
        patched: render(patched, conversation),
        training: render(gptOss20b.template, conversation),
      }));
  });

  it("has enough accepted conversations whose assistant turns carry `thinking`", () => {
    const withReasoning = cases.filter((c) => c.training.ok && c.conversation.messages.some((m) => typeof m.thinking === "string"));
    expect(withReasoning.length).toBeGreaterThanOrEqual(50);
  });

  it("renders what the patched original renders, and the unpatched original where the variant says it does not differ", () => {
    const mismatches = cases.filter((c) => !sameOutcome(c.patched, c.training));
    expect(mismatches.map((c) => c.conversation)).toEqual([]);
    const undeclared = cases.filter((c) => !gptOss20b.textDiffersFromOriginal!(c.conversation) && !sameOutcome(c.original, c.patched));
    expect(undeclared.map((c) => c.conversation)).toEqual([]);
  });

  it("renders the same text and spans under Python Jinja2", async () => {
    const results = await renderWithPython(
      cases.map((c) => ({ template: gptOss20b.template, context: buildTemplateContext(c.conversation, gptOss20b.specialTokens), now })),
    );
    const disagreements = cases.filter((c, i) => {
      const python = results[i]!;
      if ("error" in python || !c.training.ok) return "error" in python !== !c.training.ok;
      return python.text !== c.training.text || JSON.stringify(python.spans) !== JSON.stringify(c.training.spans);
    });
    expect(disagreements.map((c) => c.conversation)).toEqual([]);
  });

  it("trains each turn's analysis message with the rest of the turn, up to <|return|> or <|call|>", () => {
    const problems: string[] = [];
    for (const { conversation, training } of cases) {
      if (!training.ok) continue;
      const turns = conversation.messages.filter((message) => message.role === "assistant");
      const spans = [...training.spans].sort((a, b) => a[0] - b[0]);
      if (spans.length !== turns.length) {
        problems.push(`${spans.length} spans for ${turns.length} assistant turns`);
        continue;
      }
      turns.forEach((turn, k) => {
        const spanText = training.text.slice(spans[k]![0], spans[k]![1]);
        if (!spanText.startsWith("<|channel|>") && !spanText.startsWith(" to=")) problems.push(`span ${k} starts with ${JSON.stringify(spanText.slice(0, 30))}`);
        if (!END_OF_TURN.some((token) => spanText.endsWith(token))) problems.push(`span ${k} ends with ${JSON.stringify(spanText.slice(-30))}`);
        const thinking = turn.thinking;
        if (typeof thinking === "string" && thinking !== "" && !spanText.includes(`<|channel|>analysis<|message|>${thinking}<|end|>`)) {
          problems.push(`span ${k} lacks its analysis message`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it("keeps earlier turns' text and spans when messages are appended", () => {
    const problems: Conversation[] = [];
    for (const { conversation, training } of cases) {
      if (!training.ok) continue;
      conversation.messages.forEach((message, index) => {
        if (message.role !== "assistant" || index === conversation.messages.length - 1) return;
        const prefix = render(gptOss20b.template, { ...conversation, messages: conversation.messages.slice(0, index + 1), add_generation_prompt: false });
        const kept = prefix.ok && training.text.startsWith(prefix.text) && prefix.spans.every(([s, e], i) => training.spans[i]?.[0] === s && training.spans[i]?.[1] === e);
        if (!kept) problems.push(conversation);
      });
    }
    expect(problems).toEqual([]);
  });
});
