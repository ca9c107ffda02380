import { describe, expect, it } from "vitest";
import { buildTemplateContext, isDefaultSelection, renderChat, trainedRanges, trainedTurns, TurnMaskError, type ChatMessage, type RenderedTurns, type TurnSelection } from "../src/index.ts";
import { CHATML } from "./chatml-templates.ts";



const END = "<|im_end|>";

const DIALOGUE: ChatMessage[] = [
  { role: "system", content: "Be brief." },
  { role: "user", content: "Two plus two?" },
  { role: "assistant", content: "Four." },
  { role: "user", content: "And three plus three?" },
  { role: "assistant", content: "Six." },
];

function render(template: string, messages: ChatMessage[], addGenerationPrompt = false): RenderedTurns {
  const context = (list: ChatMessage[], prompt: boolean) => buildTemplateContext({ messages: list, add_generation_prompt: prompt });
  const { text, spans } = renderChat(template, context(messages, addGenerationPrompt));
  return { messages, text, spans, renderPrefix: (count) => renderChat(template, context(messages.slice(0, count), false)).text };
}

const textsOf = (rendered: RenderedTurns, selection: TurnSelection) => trainedRanges(rendered, selection).map(([s, e]) => rendered.text.slice(s, e));

describe("trainedRanges", () => {
  const rendered = render(CHATML, DIALOGUE);

  it("the default selection gives the template's spans untouched", () => {
    expect(isDefaultSelection({})).toBe(true);
    expect(isDefaultSelection({ roles: ["assistant"], endOfTurnTraining: "turn", excluded: [] })).toBe(true);
    expect(trainedRanges(rendered, {})).toEqual(rendered.spans);
    expect(textsOf(rendered, {})).toEqual([`Four.${END}`, `Six.${END}`]);
  });

  it("an excluded assistant message stops training, the others keep their spans", () => {
    expect(isDefaultSelection({ excluded: [2] })).toBe(false);
    expect(textsOf(rendered, { excluded: new Set([2]) })).toEqual([`Six.${END}`]);
    expect(textsOf(rendered, { excluded: [4] })).toEqual([`Four.${END}`]);
  });

  it("lastTurnOnly keeps only the final trained turn", () => {
    expect(textsOf(rendered, { lastTurnOnly: true })).toEqual([`Six.${END}`]);
    // The last turn that may train, not the last message: excluding it moves the choice back.
    expect(textsOf(rendered, { lastTurnOnly: true, excluded: [4] })).toEqual([`Four.${END}`]);
  });

  it("end-of-turn none untrains the token in every turn; last keeps it in the final trained turn only", () => {
    expect(textsOf(rendered, { endOfTurnTraining: "none", endOfTurn: END })).toEqual(["Four.", "Six."]);
    expect(textsOf(rendered, { endOfTurnTraining: "last", endOfTurn: END })).toEqual(["Four.", `Six.${END}`]);
    expect(textsOf(rendered, { endOfTurnTraining: "last", endOfTurn: END, excluded: [4] })).toEqual([`Four.${END}`]);
  });

  it("other roles train their content and end-of-turn token, found by rendering prefixes", () => {
    const turns = trainedTurns(rendered, { roles: ["user", "assistant"], endOfTurn: END });
    expect(turns.map((turn) => [turn.messageIndex, turn.role, rendered.text.slice(...turn.range)])).toEqual([
      [1, "user", `Two plus two?${END}`],
      [2, "assistant", `Four.${END}`],
      [3, "user", `And three plus three?${END}`],
      [4, "assistant", `Six.${END}`],
    ]);
    expect(textsOf(rendered, { roles: ["user"], endOfTurn: END, endOfTurnTraining: "none" })).toEqual(["Two plus two?", "And three plus three?"]);
    expect(textsOf(rendered, { roles: ["system"] })).toEqual(["Be brief."]);
  });

  it("a generation prompt after the last message does not move the last turn", () => {
    const withPrompt = render(CHATML, DIALOGUE.slice(0, 4), true);
    expect(textsOf(withPrompt, { roles: ["user"], endOfTurn: END })).toEqual([`Two plus two?${END}`, `And three plus three?${END}`]);
  });

  it("text blocks count as content; a message without text trains nothing", () => {
    const blocks: ChatMessage[] = [
      { role: "user", content: [{ type: "text", text: "Look:" }, { type: "image" }, { type: "text", text: "what is it?" }] },
      { role: "assistant", content: "A cat." },
    ];
    const template = CHATML.replace("message.content + '<|im_end|>\\n'", "(message.content if message.content is string else message.content | map(attribute='text') | select | join(' ')) + '<|im_end|>\\n'");
    expect(textsOf(render(template, blocks), { roles: ["user"], endOfTurn: END })).toEqual([`Look: what is it?${END}`]);
    expect(textsOf(render(CHATML, [{ role: "user", content: "" }, { role: "assistant", content: "Hi." }]), { roles: ["user"] })).toEqual([]);
  });

  it("refuses when spans and assistant messages do not correspond", () => {
    const twice = CHATML.replace("{% generation %}{{- message.content + '<|im_end|>' }}{% endgeneration %}", "{% generation %}{{- message.content }}{% endgeneration %}{% generation %}{{- '<|im_end|>' }}{% endgeneration %}");
    const doubled = render(twice, DIALOGUE);
    expect(doubled.spans).toHaveLength(4);
    expect(() => trainedRanges(doubled, { lastTurnOnly: true })).toThrow(TurnMaskError);
    expect(() => trainedRanges(doubled, { lastTurnOnly: true })).toThrow(/4 generation spans for 2 assistant messages/);
    // The default selection needs no correspondence.
    expect(trainedRanges(doubled, {})).toEqual(doubled.spans);
  });

  it("refuses other roles when prefixes do not render as the whole conversation does", () => {
    // Shows how many messages there are in every header: earlier turns change as messages are appended.
    const counting = CHATML.replace("'<|im_start|>' + message.role", "'<|im_start|>' + (messages | length | string) + message.role");
    expect(() => trainedRanges(render(counting, DIALOGUE), { roles: ["user"] })).toThrow(/not prefix-preserving here/);
  });

  it("refuses a message whose text the template does not print as given", () => {
    const upper = CHATML.replace("{{- message.content + '<|im_end|>\\n' }}", "{{- message.content | upper + '<|im_end|>\\n' }}");
    expect(() => trainedRanges(render(upper, DIALOGUE), { roles: ["user"] })).toThrow(/the text of messages\[1\] \(user\) does not appear/);
  });

  it("end-of-turn rules need the token", () => {
    expect(() => trainedRanges(rendered, { endOfTurnTraining: "none" })).toThrow(/needs the end-of-turn token/);
  });
});
