import {
  buildTemplateContext,
  createRegistry,
  detectTemplate,
  getTrainingChatTemplate,
  renderChat,
  sampleConversations,
  TrainingTemplatesError,
  type ChatMessage,
  type Conversation,
} from "@training-templates/core";
import { renderWithPython } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { chatml, chatmlFamily, chatmlSpecialTokens, chatmlToolAndReasoningTokens } from "../src/index.ts";
import { REFERENCE_CHATML } from "./reference-chatml.ts";

type Outcome = { ok: true; text: string; spans: Array<readonly [number, number]> } | { ok: false };

function renderJs(template: string, conversation: Conversation): Outcome {
  try {
    return { ok: true, ...renderChat(template, buildTemplateContext(conversation)) };
  } catch (error) {
    if (error instanceof TrainingTemplatesError) return { ok: false };
    throw error;
  }
}

async function renderPy(template: string, conversations: Conversation[]): Promise<Outcome[]> {
  const results = await renderWithPython(conversations.map((conversation) => ({ template, context: buildTemplateContext(conversation) })));
  return results.map((result) => ("error" in result ? { ok: false } : { ok: true, text: result.text, spans: result.spans }));
}

/** The same message with its text content split into text parts, as processors write content. */
function asTextParts(message: ChatMessage): ChatMessage {
  if (typeof message.content !== "string") return message;
  const codePoints = Array.from(message.content);
  const middle = Math.floor(codePoints.length / 2);
  const parts = [codePoints.slice(0, middle).join(""), codePoints.slice(middle).join("")];
  return { ...message, content: parts.map((text) => ({ type: "text", text })) };
}

const conversations = sampleConversations({ seed: 20250726, count: 60 });

describe("chatml content parts", () => {
  const withParts = conversations.map((c) => ({ ...c, messages: c.messages.map(asTextParts) }));

  it("renders text parts exactly as the joined string, with the same spans (ours and Python Jinja2)", async () => {
    const python = await renderPy(chatml.template, withParts);
    withParts.forEach((conversation, i) => {
      const expected = renderJs(chatml.template, conversations[i]!);
      expect(expected.ok).toBe(true);
      expect(renderJs(chatml.template, conversation)).toEqual(expected);
      expect(python[i]).toEqual(expected);
    });
  });

  const refused: Array<[string, unknown]> = [
    ["an image part", [{ type: "image", url: "https://example.com/cat.png" }]],
    ["a text part without text", [{ type: "text" }]],
    ["a bare string part", ["hello"]],
    ["a number", 42],
    ["an object", { text: "hello" }],
  ];
  for (const [what, content] of refused) {
    it(`rejects ${what} as content, as the reference and Python Jinja2 do`, async () => {
      const conversation: Conversation = { messages: [{ role: "user", content: content as ChatMessage["content"] }] };
      const [pythonTraining, pythonReference] = [...(await renderPy(chatml.template, [conversation])), ...(await renderPy(REFERENCE_CHATML, [conversation]))];
      expect(renderJs(chatml.template, conversation)).toEqual({ ok: false });
      expect(renderJs(REFERENCE_CHATML, conversation)).toEqual({ ok: false });
      expect(pythonTraining).toEqual({ ok: false });
      expect(pythonReference).toEqual({ ok: false });
    });
  }
});

describe("chatml tokens", () => {
  it("lists every <|…|> token the template writes as a special token", () => {
    const written = new Set(chatml.template.match(/<\|[a-z_]+\|>/g));
    expect([...written].sort()).toEqual([...chatmlSpecialTokens].sort());
  });

  it("writes every tool and reasoning tag it recommends adding", () => {
    for (const tag of chatmlToolAndReasoningTokens) expect(chatml.template).toContain(tag);
  });

  it("ends turns with <|im_end|>, the eos the variant names", () => {
    expect(chatml.endOfTurn).toBe("<|im_end|>");
    expect(chatml.specialTokens.eos_token).toBe(chatml.endOfTurn);
  });
});

describe("chatml recognition", () => {
  const registry = createRegistry([chatmlFamily]);

  it("recognises a marker-free copy of the format by behaviour and swaps in the training template", () => {
    expect(detectTemplate(REFERENCE_CHATML, registry)).toMatchObject({ variant: { id: "chatml" }, matchedBy: "behaviour" });
    expect(getTrainingChatTemplate(REFERENCE_CHATML, { registry })?.chatTemplate).toBe(chatml.template);
  });

  it("does not take a ChatML template with a default system prompt for it", () => {
    const qwenLike = REFERENCE_CHATML.replace(
      "{%- for message in",
      "{%- if not merge_system and messages[0].role != 'system' %}{{- '<|im_start|>system\\nYou are a helpful assistant.<|im_end|>\\n' }}{%- endif %}\n{%- for message in",
    );
    expect(qwenLike).not.toBe(REFERENCE_CHATML);
    expect(() => detectTemplate(qwenLike, registry)).toThrow(/not a known original/);
  });
});
