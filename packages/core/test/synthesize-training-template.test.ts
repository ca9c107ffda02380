import { readFileSync } from "node:fs";
import { originalTemplatePath } from "@training-templates/testkit";
import { renderWithPython, type ReferenceRenderJob } from "@training-templates/testkit/python";
import { describe, expect, it } from "vitest";
import {
  buildTemplateContext,
  DerivedMasksError,
  deriveAssistantSpans,
  hasGenerationMarkers,
  planTraining,
  renderChat,
  renderForTraining,
  sampleConversations,
  synthesizeTrainingTemplate,
  TrainingTemplatesError,
  turnSpans,
  type Conversation,
  type DeriveSpansOptions,
  type SynthesisResult,
} from "../src/index.ts";

/**
 * A synthesized training template must render exactly the original's text, and mark exactly the derived spans, on
 * conversations other than those it was verified on, under our renderer and under Python Jinja2 (set up as
 * transformers does). The expected values are computed: the original's renders and `deriveAssistantSpans`.
 */

const now = new Date(2025, 6, 26, 10, 30);
/** Conversations the synthesis did not see (it uses the probes and seed 0x5e7a). */
const CHECK_SEED = 4242;
const CHECK_COUNT = 40;

interface IndexEntry {
  file: string;
  bos_token?: string | null;
  eos_token?: string | null;
  pad_token?: string | null;
}

/** Special-token-like literals of a template: the corpus has no tokenizer for most families, so they stand in for its special tokens. */
const SPECIAL_LITERAL = /<\|[^<>|\s]+\|>|<｜[^<>\s]+｜>/g;

interface Checked {
  /** Conversations where the synthesized template's text and merged spans were compared (derived masks verify). */
  compared: number;
  /** Python jobs for the same conversations: the original and the synthesized template. */
  jobs: ReferenceRenderJob[];
  /** For each pair of jobs, the derived spans and our text. */
  expected: Array<{ text: string; spans: Array<[number, number]> }>;
  synthesized: string;
}

/** Renders fresh conversations with both templates here, asserts text and spans, and returns the Python jobs to check. */
function checkOnFreshConversations(original: string, synthesized: string, options: DeriveSpansOptions, conversations: Conversation[]): Checked {
  const checked: Checked = { compared: 0, jobs: [], expected: [], synthesized };
  for (const conversation of conversations) {
    const context = buildTemplateContext(conversation, options.specialTokens, options.templateKwargs);
    let originalText: string;
    try {
      originalText = renderChat(original, context, { now: () => now }).text;
    } catch (error) {
      if (!(error instanceof TrainingTemplatesError)) throw error;
      expect(() => renderChat(synthesized, context, { now: () => now }), "the synthesized template refuses what the original refuses").toThrow(TrainingTemplatesError);
      continue;
    }
    const marked = renderChat(synthesized, context, { now: () => now });
    expect(marked.text).toBe(originalText);
    let derived;
    try {
      derived = deriveAssistantSpans(original, conversation, { ...options, now: () => now });
    } catch (error) {
      if (!(error instanceof DerivedMasksError)) throw error;
      continue;
    }
    expect(turnSpans(synthesized, marked.spans)).toEqual(derived.spans);
    checked.compared++;
    checked.jobs.push({ template: original, context, now }, { template: synthesized, context, now });
    checked.expected.push({ text: originalText, spans: derived.spans.map(([start, end]) => [start, end]) });
  }
  return checked;
}

/** Python Jinja2 renders the synthesized template with the original's text, and its blocks mark the derived spans. */
async function expectPythonAgrees(checks: Checked[]): Promise<void> {
  const jobs = checks.flatMap((check) => check.jobs);
  const results = await renderWithPython(jobs);
  let at = 0;
  for (const check of checks) {
    for (const expected of check.expected) {
      const [original, synthesized] = [results[at]!, results[at + 1]!];
      at += 2;
      expect(original).toMatchObject({ text: expected.text });
      expect(synthesized).toMatchObject({ text: expected.text });
      if ("spans" in synthesized) expect(turnSpans(check.synthesized, synthesized.spans)).toEqual(expected.spans);
    }
  }
}

describe("synthesized training templates for the corpus originals", () => {
  it("most originals get one; each renders the original's text and the derived spans on fresh conversations, here and under Python Jinja2", async () => {
    const entries = (JSON.parse(readFileSync(originalTemplatePath("index.json"), "utf8")) as IndexEntry[]).filter((entry) => entry.file?.endsWith(".jinja"));
    const files = [...new Map(entries.map((entry) => [entry.file, entry])).values()];
    const conversations = sampleConversations({ seed: CHECK_SEED, count: CHECK_COUNT, features: { tools: true, documents: true, maxTurns: 3 } });
    const rows: string[] = [];
    const checks: Checked[] = [];
    let withDerivedMasks = 0;
    let synthesized = 0;
    for (const entry of files) {
      const original = new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(originalTemplatePath(entry.file)));
      const specialTokens: Record<string, string> = {};
      for (const key of ["bos_token", "eos_token", "pad_token"] as const) if (entry[key]) specialTokens[key] = entry[key]!;
      const options: DeriveSpansOptions = { specialTokens, closingTokens: [...new Set(original.match(SPECIAL_LITERAL) ?? [])] };
      const started = performance.now();
      const result: SynthesisResult = synthesizeTrainingTemplate(original, options);
      const took = Math.round(performance.now() - started);
      const markers = hasGenerationMarkers(original) ? " (vendor markers replaced)" : "";
      if (!result.ok) {
        if (!/derived masks verify on none/.test(result.reason)) withDerivedMasks++;
        rows.push(`${entry.file.padEnd(44)} not synthesized: ${result.reason} [${took} ms]`);
        continue;
      }
      withDerivedMasks++;
      synthesized++;
      expect(hasGenerationMarkers(result.template)).toBe(true);
      const check = checkOnFreshConversations(original, result.template, options, conversations);
      checks.push(check);
      rows.push(`${entry.file.padEnd(44)} ${result.note}${markers}; fresh conversations compared: ${check.compared} [${took} ms]`);
    }
    console.log(rows.join("\n"));
    await expectPythonAgrees(checks);
    // Most templates whose derived masks verify at all get a synthesized template.
    expect(synthesized / withDerivedMasks).toBeGreaterThan(0.6);
  }, 240_000);
});

/** Template shapes the corpus lacks, written as a vendor might. */
/** What the synthesis changes besides inserting tags: nothing, an expression cut in two, or the loop body written twice. */
type Change = "tags only" | "expression cut" | "assistant branch";
const SHAPES: Record<string, { template: string; options: DeriveSpansOptions; change: Change }> = {
  "Alpaca (plain-text roles)": {
    template: `{% for m in messages %}{% if m.role == 'user' %}### Instruction:
{{ m.content }}

{% elif m.role == 'assistant' %}### Response:
{{ m.content }}{{ eos_token }}

{% endif %}{% endfor %}{% if add_generation_prompt %}### Response:
{% endif %}`,
    options: { specialTokens: { bos_token: "<s>", eos_token: "</s>" } },
    change: "tags only",
  },
  "Vicuna (plain-text roles, the reply after a space)": {
    template: `{% if messages[0].role == 'system' %}{{ messages[0].content }}

{% endif %}{% for m in messages %}{% if m.role == 'user' %}USER: {{ m.content }} {% elif m.role == 'assistant' %}ASSISTANT: {{ m.content }}{{ eos_token }}{% endif %}{% endfor %}{% if add_generation_prompt %}ASSISTANT:{% endif %}`,
    options: { specialTokens: { bos_token: "<s>", eos_token: "</s>" } },
    change: "tags only",
  },
  "one expression writes the role header, the content and the end token, for every role": {
    template: `{% for message in messages %}{{ '<|im_start|>' + message.role + '\n' + message.content + '<|im_end|>' + '\n' }}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`,
    options: { specialTokens: { eos_token: "<|im_end|>" }, closingTokens: ["<|im_start|>", "<|im_end|>"] },
    change: "assistant branch",
  },
  "tool calls written by a macro, the header and reply in one expression": {
    template: `{%- macro render_call(tc) -%}
<tool_call>{"name": "{{ tc.function.name }}", "arguments": {{ tc.function.arguments | tojson }}}</tool_call>
{%- endmacro -%}
{%- for m in messages %}
{%- if m.role == 'assistant' %}
{{- '<|im_start|>assistant\n' + (m.content or '') }}
{%- for tc in m.tool_calls or [] %}{{ render_call(tc) }}{% endfor %}
{{- '<|im_end|>\n' }}
{%- else %}
{{- '<|im_start|>' + m.role + '\n' + (m.content if m.content is string else '') + '<|im_end|>\n' }}
{%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}`,
    options: { specialTokens: { eos_token: "<|im_end|>" }, closingTokens: ["<|im_start|>", "<|im_end|>"] },
    change: "expression cut",
  },
  "[INST] with a BOS per exchange, no generation prompt, tool turns dropped (two replies can touch)": {
    template: `{% for m in messages %}{% if m.role == 'user' %}{{ bos_token }}[INST] {{ m.content }} [/INST]{% elif m.role == 'assistant' %} {{ m.content }} {{ eos_token }}{% endif %}{% endfor %}`,
    options: { specialTokens: { bos_token: "<s>", eos_token: "</s>" }, closingTokens: ["<s>", "</s>"] },
    change: "tags only",
  },
  "ChatML with a leading bos_token, all roles written by the same code": {
    template: `{{ bos_token }}{% for m in messages %}<|im_start|>{{ m.role }}
{{ m.content }}<|im_end|>
{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant
{% endif %}`,
    options: { specialTokens: { eos_token: "<|im_end|>", bos_token: "<|begin|>" }, closingTokens: ["<|im_start|>", "<|im_end|>"] },
    change: "assistant branch",
  },
};

describe("synthesized training templates for shapes the corpus lacks", () => {
  const conversations = sampleConversations({ seed: CHECK_SEED + 1, count: CHECK_COUNT, features: { tools: true, maxTurns: 3 } });
  const checks: Checked[] = [];
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`${name}: synthesized, the original's text, the derived spans`, () => {
      const result = synthesizeTrainingTemplate(shape.template, shape.options);
      if (!result.ok) throw new Error(`not synthesized: ${result.reason}`);
      expect(result.note).toMatch(/^synthesized, verified on \d+ conversations/);
      // Nothing but tags was added, or an expression cut in two, or an assistant-only copy of the loop body.
      const withoutTags = result.template.replace(/\{%[-+]? (end)?generation [-+]?%\}/g, "");
      if (shape.change === "tags only") expect(withoutTags).toBe(shape.template);
      else if (shape.change === "expression cut") expect(withoutTags.split("{{").length).toBeGreaterThan(shape.template.split("{{").length);
      else expect(withoutTags).toMatch(/\{%-? if \w+\.role == 'assistant' -?%\}/);
      const check = checkOnFreshConversations(shape.template, result.template, shape.options, conversations);
      expect(check.compared).toBeGreaterThan(0);
      checks.push(check);
    });
  }
  it("Python Jinja2 renders each synthesized template with the original's text and the derived spans", async () => {
    expect(checks.length).toBe(Object.keys(SHAPES).length);
    await expectPythonAgrees(checks);
  }, 60_000);

  it("a template that writes the header and the reply through one variable gets no synthesized template, and says why", () => {
    const template = `{% for m in messages %}{% set content = '<|start|>' + m.role + '\n' + m.content + '<|end|>' %}{{ content }}{% endfor %}{% if add_generation_prompt %}<|start|>assistant
{% endif %}`;
    const options = { specialTokens: { eos_token: "<|end|>" }, closingTokens: ["<|start|>", "<|end|>"] };
    const result = synthesizeTrainingTemplate(template, options);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/no place where a generation block could start is passed inside an assistant turn/);
    const plan = planTraining(template, options);
    expect(plan.strategy).toBe("derived");
    expect(plan.note).toMatch(/no training template could be synthesized: no place where a generation block could start/);
  });
});

describe("synthesis stops at a render limit", () => {
  it("a render past a limit ends the synthesis at once with that reason, not one slow render per conversation", () => {
    const shape = SHAPES["Alpaca (plain-text roles)"]!;
    const started = performance.now();
    const result = synthesizeTrainingTemplate(shape.template, { ...shape.options, limits: { maxOutputLength: 400 } });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/a render went past a limit, so the synthesis stopped .*maxOutputLength/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("planTraining and renderForTraining with a synthesized template", () => {
  it("plans `synthesized` for a template with no curated variant, and every record renders the original's text with the derived spans", () => {
    const shape = SHAPES["Vicuna (plain-text roles, the reply after a space)"]!;
    const plan = planTraining(shape.template, shape.options);
    expect(plan.strategy).toBe("synthesized");
    expect(plan.note).toMatch(/synthesized, verified on \d+ conversations/);
    expect(plan.trainingTemplate).toBe((synthesizeTrainingTemplate(shape.template, shape.options) as { template: string }).template);
    for (const conversation of sampleConversations({ seed: 7, count: 20, features: { tools: false, maxTurns: 3 } })) {
      const rendered = renderForTraining(plan, conversation, shape.options);
      const derived = deriveAssistantSpans(shape.template, conversation, shape.options);
      expect(rendered).toMatchObject({ strategy: "synthesized", text: derived.text, spans: derived.spans });
    }
  });

  it("a record whose text the synthesized template would change falls back to the derived masks, saying why", () => {
    // A hand-made plan whose "synthesized" template drops the eos: the per-record check must catch it.
    const shape = SHAPES["Alpaca (plain-text roles)"]!;
    const plan = { strategy: "synthesized" as const, original: shape.template, trainingTemplate: shape.template.replace("{{ eos_token }}", "{% generation %}{% endgeneration %}") };
    const conversation: Conversation = { messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello" }] };
    const rendered = renderForTraining(plan, conversation, shape.options);
    expect(rendered.strategy).toBe("derived");
    expect(rendered.fallbackReason).toMatch(/renders different text/);
    expect(rendered.text).toBe(renderChat(shape.template, buildTemplateContext(conversation, shape.options.specialTokens)).text);
  });
});
