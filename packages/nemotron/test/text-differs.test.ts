import { readFileSync } from "node:fs";
import { buildTemplateContext, renderChat, sampleConversations, type Conversation, type TrainingTemplate } from "@training-templates/core";
import { applyOriginalPatches, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { nemotron35Lightning, nemotron3Nano, nemotron3Super, nemotron3Ultra, nemotronOriginalPatches } from "../src/index.ts";

// The kit checks that textDiffersFromOriginal covers every difference; this checks the converse too: it is true
// exactly when the vendor's original and the patched original render different text.
const variants: Array<[TrainingTemplate, string]> = [
  [nemotron3Nano, "nemotron__3-nano.jinja"],
  [nemotron3Super, "nemotron__3-super.jinja"],
  [nemotron3Ultra, "nemotron__3-ultra.jinja"],
  [nemotron35Lightning, "nemotron__3.5-lightning.jinja"],
];

function renders(template: string, conversation: Conversation): string {
  try {
    return renderChat(template, buildTemplateContext(conversation)).text;
  } catch (error) {
    return `rejected: ${(error as Error).message}`;
  }
}

describe.each(variants)("%s textDiffersFromOriginal", (variant, file) => {
  const original = new TextDecoder().decode(readFileSync(originalTemplatePath(file)));
  const patched = applyOriginalPatches(original, nemotronOriginalPatches);
  const conversations = sampleConversations({ seed: 0x4e3, count: 300 });

  it("is true exactly for the conversations the patch renders differently", () => {
    const wrong = conversations.filter((c) => variant.textDiffersFromOriginal!(c) !== (renders(original, c) !== renders(patched, c)));
    expect(wrong.map((c) => JSON.stringify(c.messages)).slice(0, 3)).toEqual([]);
  });

  it("is exercised both ways by the sample", () => {
    const differing = conversations.filter((c) => variant.textDiffersFromOriginal!(c)).length;
    expect(differing).toBeGreaterThan(20);
    expect(differing).toBeLessThan(conversations.length - 20);
  });
});
