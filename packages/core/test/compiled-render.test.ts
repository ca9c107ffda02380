import { parse, tokenize } from "@huggingface/jinja";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  buildTemplateContext,
  describeRenderEngine,
  sampleConversations,
  tryRender,
  type ConversationFeatures,
} from "../src/index.ts";
import { compileTemplate } from "../src/render/compile/index.ts";
import { prepareTemplate } from "../src/render/prepare-template.ts";
import { templateGlobals } from "../src/render/template-globals.ts";

const originals = fileURLToPath(new URL("../../../../shared/templates/originals/", import.meta.url));
const packages = fileURLToPath(new URL("../../", import.meta.url));

interface IndexEntry {
  file: string | null;
  bos_token?: string | null;
  eos_token?: string | null;
  pad_token?: string | null;
  unk_token?: string | null;
}

const index = (JSON.parse(readFileSync(`${originals}index.json`, "utf8")) as IndexEntry[]).filter(
  (entry): entry is IndexEntry & { file: string } => typeof entry.file === "string",
);
const files = [...new Set(index.map((entry) => entry.file))];
const read = (file: string) => readFileSync(`${originals}${file}`, "utf8");

function specialTokens(entry: IndexEntry): Record<string, string> {
  const tokens: Record<string, string> = {};
  for (const key of ["bos_token", "eos_token", "pad_token", "unk_token"] as const) {
    const value = entry[key];
    if (typeof value === "string") tokens[key] = value;
  }
  return tokens;
}

const FEATURE_MIXES: ConversationFeatures[] = [
  { tools: true, reasoning: true, systemPrompt: true, generationPrompt: true },
  { tools: false, systemPrompt: false, generationPrompt: false, maxTurns: 2 },
  { tools: false, documents: true, systemPrompt: true },
  { tools: "always", toolCallsPerTurn: "many", toolParameterDescriptions: "always", reasoning: true, followUpAssistantMessages: true },
  { systemPrompt: true, systemPromptBlocks: true, documents: true, media: "mixed", maxTurns: 6 },
  { tools: true, media: "lists", reasoning: true, generationPrompt: true },
];

/** The benchmark families: their originals and training templates must stay on the compiled renderer. */
const BENCHMARK_ORIGINALS = ["qwen__3.jinja", "llama__3.1.jinja", "gemma__3.jinja", "gpt-oss__20b.jinja"];
const BENCHMARK_TRAINING = ["qwen/templates/qwen-3.jinja", "llama/templates/llama-3.1.jinja", "gemma/templates/gemma-3.jinja", "gpt-oss/templates/gpt-oss-20b.jinja"];

describe("the compiled renderer's coverage", () => {
  it("compiles every original of the corpus", () => {
    const engines = files.map((file) => ({ file, ...describeRenderEngine(read(file), file) }));
    const compiled = engines.filter((e) => e.engine === "compiled").map((e) => e.file);
    const interpreted = engines.filter((e) => e.engine === "interpreter").map((e) => `${e.file}: ${e.unsupported}`);
    console.log(`originals on the compiled renderer: ${compiled.length} of ${files.length}\n  ${compiled.join("\n  ")}`);
    expect(compiled).toEqual(expect.arrayContaining(BENCHMARK_ORIGINALS));
    expect(interpreted).toEqual([]);
  });

  it.each(BENCHMARK_TRAINING)("compiles the training template %s", (path) => {
    expect(describeRenderEngine(readFileSync(`${packages}${path}`, "utf8"), path)).toEqual({ engine: "compiled" });
  });
});

describe("the compiled renderer equals the interpreter on every original", () => {
  const now = new Date("2025-03-04T05:06:07Z");
  it.each(index.map((entry) => [entry.file, entry] as const))("%s", (file, entry) => {
    const template = read(file);
    const { render } = compileTemplate(parse(tokenize(prepareTemplate(template), { lstrip_blocks: true, trim_blocks: true })));
    let rendered = 0;
    FEATURE_MIXES.forEach((features, mix) => {
      for (const conversation of sampleConversations({ seed: 1000 + mix, count: 12, features })) {
        const context = buildTemplateContext(conversation, specialTokens(entry));
        const interpreted = tryRender(template, context, { now: () => now, templateName: file, engine: "interpreter" });
        const compiled = tryRender(template, context, { now: () => now, templateName: file, engine: "compiled" });
        expect(compiled).toEqual(interpreted);
        if (!interpreted.ok) continue;
        rendered++;
        // Where the interpreter renders, the compiled renderer renders too, by itself (no fallback behind the equality).
        const marked = render!(templateGlobals(context, () => now, "\ufdd0", "\ufdd1"));
        expect(marked.replace(/[\ufdd0\ufdd1]/g, "")).toBe(interpreted.text);
      }
    });
    // The comparison means something only where the template renders: each original accepts some conversations.
    expect(rendered).toBeGreaterThan(0);
  });
});
