import { buildTemplateContext, findContentBlocksProblem, renderChat, type ChatMessage, type Conversation, type TrainingTemplate } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { registry } from "../src/index.ts";

// Data in the multimodal shape: the user's text as two text blocks.
const BLOCKS: ChatMessage[] = [
  { role: "user", content: [{ type: "text", text: "Alpha one" }, { type: "text", text: " beta two" }] },
  { role: "assistant", content: "Gamma three." },
];
const JOINED: ChatMessage[] = [
  { role: "user", content: "Alpha one beta two" },
  { role: "assistant", content: "Gamma three." },
];
// RAG templates refuse a conversation without documents.
const DOCUMENTS = [{ title: "Greek letters", text: "Alpha comes first." }];

type Outcome = { ok: true; text: string } | { ok: false; error: string };

function render(variant: TrainingTemplate, messages: ChatMessage[]): Outcome {
  const conversation: Conversation = { messages, documents: DOCUMENTS };
  try {
    return { ok: true, text: renderChat(variant.template, buildTemplateContext(conversation, variant.specialTokens, variant.defaultKwargs)).text };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/**
 * The content blocks probe over every training template, against what the template really renders for the blocks
 * as they are: it flags every repr, every dropped text and every failure that joining cures, and passes only
 * templates that write the blocks' text.
 */
describe("the content blocks probe on every registered template", () => {
  const verdicts: Record<string, string[]> = { takes: [], repr: [], dropped: [], fails: [], "not applicable": [] };

  it.each(registry.variants.map((variant) => [variant.id, variant] as const))("%s", (_, variant) => {
    const joined = render(variant, JOINED);
    if (!joined.ok) {
      // The template refuses this dialogue even as plain strings: nothing to say about blocks.
      verdicts["not applicable"]!.push(variant.id);
      return;
    }
    const asIs = render(variant, BLOCKS);
    const finding = findContentBlocksProblem(variant.template, { messages: BLOCKS, documents: DOCUMENTS }, { specialTokens: variant.specialTokens, ...(variant.defaultKwargs ? { templateKwargs: variant.defaultKwargs } : {}) });
    verdicts[finding?.how ?? "takes"]!.push(variant.id);
    if (!asIs.ok) {
      expect(finding?.how, asIs.error).toBe("fails");
      return;
    }
    const writesRepr = asIs.text.includes("'type': 'text'");
    // Gemma 3 trims each block: "Alpha onebeta two".
    const writesText = asIs.text.includes("Alpha one") && asIs.text.includes("beta two");
    if (writesRepr) expect(finding?.how).toBe("repr");
    else if (!writesText) expect(finding?.how).toBe("dropped");
    else expect(finding).toBeUndefined();
    // A template made for images and videos takes blocks.
    if (variant.multimodal) expect(finding).toBeUndefined();
  });

  it("found each kind among the registered templates", () => {
    for (const kind of ["takes", "repr", "dropped"]) expect(verdicts[kind], `${kind}: ${JSON.stringify(verdicts)}`).not.toEqual([]);
  });
});
