import { describe, expect, it } from "vitest";
import {
  applyChatTemplate,
  applyChatTemplatePerTurn,
  assessTemplate,
  buildTemplateContext,
  DerivedMasksError,
  deriveAssistantSpans,
  planTraining,
  renderChat,
  type Conversation,
  type DeriveSpansOptions,
  type TurnSelection,
} from "../src/index.ts";
import { charTokenizer, trainedRuns } from "./char-tokenizer.ts";

import { ALPACA, CHATML_WITH_BOS, EOS_LAST_ONLY, INST_BOS_PER_EXCHANGE, REASONING_LAST_ONLY, THINK_PROMPT, TOOL_MACRO, VICUNA } from "./template-shapes.ts";

const llamaTokens: DeriveSpansOptions = { specialTokens: { bos_token: "<s>", eos_token: "</s>" }, closingTokens: ["<s>", "</s>"] };
const chatmlTokens: DeriveSpansOptions = { specialTokens: { eos_token: "<|im_end|>", bos_token: "<|begin|>" }, closingTokens: ["<|im_start|>", "<|im_end|>"] };

const twoTurns: Conversation = {
  messages: [
    { role: "user", content: "What is 2 + 2?" },
    { role: "assistant", content: "4" },
    { role: "user", content: "And 3 + 3?" },
    { role: "assistant", content: "6" },
  ],
};

function trained(template: string, conversation: Conversation, options: DeriveSpansOptions): string[] {
  const { text, spans } = deriveAssistantSpans(template, conversation, options);
  return spans.map(([start, end]) => text.slice(start, end));
}

describe("derived masks on template shapes the corpus lacks", () => {
  it("Alpaca-style plain-text roles: the reply and its eos, never the `### Response:` header", () => {
    expect(trained(ALPACA, twoTurns, llamaTokens)).toEqual(["4</s>", "6</s>"]);
  });

  it("Vicuna-style roles with a system prompt: the reply and its eos", () => {
    const conversation = { messages: [{ role: "system", content: "Be brief." }, ...twoTurns.messages] };
    expect(trained(VICUNA, conversation, llamaTokens)).toEqual([" 4</s>", " 6</s>"]);
  });

  it("[INST] with a BOS per exchange: the reply and its eos, not the next exchange's BOS", () => {
    expect(trained(INST_BOS_PER_EXCHANGE, twoTurns, llamaTokens)).toEqual([" 4 </s>", " 6 </s>"]);
  });

  it("eos written only after the last turn: earlier turns train their text, the last its eos too", () => {
    expect(trained(EOS_LAST_ONLY, twoTurns, llamaTokens)).toEqual(["4", "6</s>"]);
  });

  it("tool calls rendered by a macro train with the turn; the tool result does not", () => {
    const conversation: Conversation = {
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "", tool_calls: [{ type: "function", function: { name: "get_weather", arguments: { city: "Paris" } } }] },
        { role: "tool", content: "sunny" },
        { role: "assistant", content: "It is sunny." },
      ],
    };
    const { text, spans } = deriveAssistantSpans(TOOL_MACRO, conversation, chatmlTokens);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(['<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call><|im_end|>', "It is sunny.<|im_end|>"]);
    expect(spans.some(([s, e]) => text.slice(s, e).includes("sunny") && !text.slice(s, e).includes("It is"))).toBe(false);
  });

  it("a generation prompt that opens a think block: the turn trains from where it parts from the prompt", () => {
    expect(trained(THINK_PROMPT, twoTurns, chatmlTokens)).toEqual(["4<|im_end|>", "6<|im_end|>"]);
  });

  it("reasoning rendered only for the last turn: a conversation whose history changes is refused with that reason", () => {
    const conversation: Conversation = {
      messages: [
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello", reasoning_content: "greet" },
        { role: "user", content: "Bye" },
        { role: "assistant", content: "Bye", reasoning_content: "part" },
      ],
    };
    expect(() => deriveAssistantSpans(REASONING_LAST_ONLY, conversation, chatmlTokens)).toThrow(DerivedMasksError);
    expect(() => deriveAssistantSpans(REASONING_LAST_ONLY, conversation, chatmlTokens)).toThrow(/rewrites history/);
    // The last turn alone is fine: its reasoning trains.
    expect(trained(REASONING_LAST_ONLY, { messages: conversation.messages.slice(0, 2) }, chatmlTokens)).toEqual(["<think>greet</think>Hello<|im_end|>"]);
  });

  it("a template that writes bos_token keeps it in the text, untrained", () => {
    const { text, spans } = deriveAssistantSpans(CHATML_WITH_BOS, twoTurns, chatmlTokens);
    expect(text.startsWith("<|begin|><|im_start|>user")).toBe(true);
    expect(spans.map(([s, e]) => text.slice(s, e))).toEqual(["4<|im_end|>", "6<|im_end|>"]);
  });
});

describe("bad templates are refused with the reason, never an all-zero mask", () => {
  it("a template that raises on every conversation", () => {
    const assessment = assessTemplate(`{{ raise_exception('no chat here') }}`, chatmlTokens);
    expect(assessment.ok).toBe(false);
    expect(assessment.detail).toMatch(/raises on every probe conversation.*no chat here/);
    expect(() => planTraining(`{{ raise_exception('no chat here') }}`, chatmlTokens)).toThrow(/raises on every probe conversation/);
  });

  it("a template that renders nothing for the assistant", () => {
    const template = `{% for m in messages %}{% if m.role != 'assistant' %}<|im_start|>{{ m.role }}\n{{ m.content }}<|im_end|>\n{% endif %}{% endfor %}`;
    expect(() => deriveAssistantSpans(template, twoTurns, chatmlTokens)).toThrow(/renders nothing for messages\[1\]/);
    expect(assessTemplate(template, chatmlTokens).ok).toBe(false);
  });

  it("a template that never varies with the assistant's content", () => {
    const template = `{% for m in messages %}<|im_start|>{{ m.role }}\n{% if m.role == 'assistant' %}OK{% else %}{{ m.content }}{% endif %}<|im_end|>\n{% endfor %}`;
    const assessment = assessTemplate(template, chatmlTokens);
    expect(assessment.ok).toBe(false);
    expect(assessment.detail).toMatch(/same text whatever the assistant's messages say/);
  });

  it("a template that writes only the end token for a reply with content", () => {
    const template = `{% for m in messages %}<|im_start|>{{ m.role }}\n{% if m.role != 'assistant' %}{{ m.content }}{% endif %}<|im_end|>\n{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}`;
    expect(() => deriveAssistantSpans(template, twoTurns, chatmlTokens)).toThrow(/renders none of messages\[1\]'s content/);
  });
});

describe("vendor markers are verified against the derived spans", () => {
  const markersTrainHeader = `{% for m in messages %}{% if m.role == 'assistant' %}{% generation %}<|im_start|>assistant
{{ m.content }}<|im_end|>{% endgeneration %}
{% else %}<|im_start|>{{ m.role }}
{{ m.content }}<|im_end|>
{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
{% endif %}`;
  const rightMarkers = markersTrainHeader.replace("{% generation %}<|im_start|>assistant\n", "<|im_start|>assistant\n{% generation %}");

  it("markers that also train the generation prompt are not used: the derived masks are, and the note says why", () => {
    const plan = planTraining(markersTrainHeader, { ...chatmlTokens, synthesize: false });
    expect(plan.strategy).toBe("derived");
    expect(plan.note).toMatch(/the markers also train "<\|im_start\|>assistant\\n" before the reply/);
  });

  it("markers that disagree are replaced by synthesized ones when those are proven, and the note says both", () => {
    const plan = planTraining(markersTrainHeader, chatmlTokens);
    expect(plan.strategy).toBe("synthesized");
    expect(plan.note).toMatch(/the markers also train "<\|im_start\|>assistant\\n" before the reply.*synthesized, verified on \d+ conversations/);
    const { text, spans } = deriveAssistantSpans(markersTrainHeader, twoTurns, chatmlTokens);
    const marked = renderChat(plan.trainingTemplate!, buildTemplateContext(twoTurns, chatmlTokens.specialTokens));
    expect(marked.text).toBe(text);
    expect(marked.spans).toEqual(spans);
  });

  it("markers that agree with the derived spans are used as they are", () => {
    const plan = planTraining(rightMarkers, chatmlTokens);
    expect(plan).toMatchObject({ strategy: "vendor-markers", trainingTemplate: rightMarkers });
  });
});

describe("applyChatTemplate with a template no variant knows: the per-turn controls work there too", () => {
  const tokenizer = charTokenizer({ chat_template: VICUNA, eos_token: "</s>" });
  const trainedOf = async (messages: Conversation["messages"], turns?: TurnSelection) => {
    const encoding = await applyChatTemplate(tokenizer, messages, { returnAssistantTokensMask: true, ...(turns ? { turns } : {}) });
    expect(["derived", "synthesized"]).toContain(encoding.templateUsed.strategy);
    return trainedRuns(encoding.text, encoding.assistant_masks!);
  };

  it("no registry needed: each reply and its eos train", async () => {
    expect(await trainedOf(twoTurns.messages)).toEqual([" 4</s>", " 6</s>"]);
  });

  it("last turn only, no end-of-turn token, and messages marked train: false", async () => {
    expect(await trainedOf(twoTurns.messages, { lastTurnOnly: true })).toEqual([" 6</s>"]);
    expect(await trainedOf(twoTurns.messages, { endOfTurnTraining: "none" })).toEqual([" 4", " 6"]);
    const marked = twoTurns.messages.map((message, index) => (index === 1 ? { ...message, train: false } : message));
    expect(await trainedOf(marked)).toEqual([" 6</s>"]);
  });

  it("user turns too, found from the template's own prefix renders", async () => {
    expect(await trainedOf(twoTurns.messages, { roles: ["user", "assistant"] })).toEqual(["What is 2 + 2?", " 4</s>", "And 3 + 3?", " 6</s>"]);
  });
});

describe("one sample per assistant turn, for templates that rewrite history", () => {
  const conversation: Conversation = {
    messages: [
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello", reasoning_content: "greet" },
      { role: "user", content: "Bye" },
      { role: "assistant", content: "Bye", reasoning_content: "part" },
    ],
  };
  const tokenizer = charTokenizer({ chat_template: REASONING_LAST_ONLY, eos_token: "<|im_end|>" });

  it("the whole conversation is refused, each turn with its own prefix trains in the form the model wrote it", async () => {
    await expect(applyChatTemplate(tokenizer, conversation.messages, { returnAssistantTokensMask: true })).rejects.toThrow(/rewrites history/);
    const samples = await applyChatTemplatePerTurn(tokenizer, conversation.messages);
    expect(samples.map((sample) => sample.messageIndex)).toEqual([1, 3]);
    expect(samples.map((sample) => trainedRuns(sample.text, sample.assistant_masks!))).toEqual([["<think>greet</think>Hello<|im_end|>"], ["<think>part</think>Bye<|im_end|>"]]);
    // The second sample's context holds the first turn as the template writes history: without its reasoning.
    expect(samples[1]!.text).toContain("<|im_start|>assistant\nHello<|im_end|>");
  });
});
