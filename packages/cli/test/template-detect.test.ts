import { registry } from "@training-templates/all";
import { hasGenerationMarkers } from "@training-templates/core";
import { beforeAll, describe, expect, test } from "vitest";
import { makeQwen3Dir, makeTempDir, makeTokenizerDir, QWEN3_TOKENIZER_DIR, readOriginal, runCli } from "./helpers.ts";

const qwen3Training = () => {
  const variant = registry.get("qwen-3");
  if (!variant) throw new Error("the registry has no qwen-3");
  return variant.template;
};

let cwd: string;
let qwen3Dir: string;
beforeAll(async () => {
  cwd = await makeTempDir();
  qwen3Dir = await makeQwen3Dir();
});

describe("template", () => {
  test("prints the training template of a recognised original, byte for byte", async () => {
    const run = await runCli(["template", "--tokenizer", qwen3Dir], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(qwen3Training());
    expect(hasGenerationMarkers(run.stdout)).toBe(true);
  });

  test("the Qwen3 tokenizer package as published (an older Qwen3 revision): the qwen-3 training template", async () => {
    const run = await runCli(["template", "--tokenizer", QWEN3_TOKENIZER_DIR], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(qwen3Training());
  });

  test("prints the tokenizer's own template when it already is a training template", async () => {
    const dir = await makeTokenizerDir({ configTemplate: qwen3Training() });
    const run = await runCli(["template", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(qwen3Training());
  });

  test("reads chat_template.jinja beside tokenizer_config.json before the config's template", async () => {
    const dir = await makeTokenizerDir({ configTemplate: "{{ messages[0].content }}", templateFile: await readOriginal("qwen__3.jinja") });
    const run = await runCli(["template", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(qwen3Training());
  });

  test("prints named template lists as JSON, each replaced by its training template", async () => {
    const original = await readOriginal("qwen__3.jinja");
    const dir = await makeTokenizerDir({
      configTemplate: [
        { name: "default", template: original },
        { name: "tool_use", template: original },
      ],
    });
    const run = await runCli(["template", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([
      { name: "default", template: qwen3Training() },
      { name: "tool_use", template: qwen3Training() },
    ]);
  });

  test("an unknown template: exit 2, the dir, the file checked and the nearest variants on stderr", async () => {
    const dir = await makeTokenizerDir({ configTemplate: await unknownQwen3Revision() });
    const run = await runCli(["template", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`no training template to print for the tokenizer in ${dir}`);
    expect(run.stderr).toMatch(/nearest known variants: qwen-3[,)]/);
    expect(run.stderr).toMatch(/prepare and mask train it with masks derived from its own renders, verified per record/);
  });

  test("no chat template at all: exit 2 saying what was checked", async () => {
    const dir = await makeTokenizerDir({});
    const run = await runCli(["template", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`the tokenizer in ${dir} has no chat template`);
    expect(run.stderr).toContain("@training-templates/chatml");
    expect(run.stderr).toContain("chat_template.jinja");
  });

  test("a missing tokenizer dir: exit 2 naming it", async () => {
    const run = await runCli(["template", "--tokenizer", "no/such/dir"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("tokenizer directory not found: no/such/dir");
  });

  test("a dir without tokenizer.json: exit 2 naming the file", async () => {
    const run = await runCli(["template", "--tokenizer", "."], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("tokenizer.json");
  });
});

describe("detect", () => {
  test("recognises the Qwen3 original by fingerprint", async () => {
    const run = await runCli(["detect", "--tokenizer", qwen3Dir], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: "qwen-3", family: "qwen", matchedBy: "fingerprint", strategy: "fingerprint" });
    expect(run.stdout.endsWith("}\n")).toBe(true);
  });

  test("recognises the older Qwen3 revision of the published tokenizer package by behaviour", async () => {
    const run = await runCli(["detect", "--tokenizer", QWEN3_TOKENIZER_DIR], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: "qwen-3", family: "qwen", matchedBy: "behaviour", strategy: "behaviour" });
  });

  test("recognises the original in chat_template.jinja, with CRLF line endings as saved on Windows", async () => {
    const original = await readOriginal("qwen__3.jinja");
    const dir = await makeTokenizerDir({ templateFile: original.replace(/\n/g, "\r\n") });
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ id: "qwen-3", family: "qwen" });
  });

  test("one of our training templates is reported as such", async () => {
    const dir = await makeTokenizerDir({ configTemplate: qwen3Training() });
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: "qwen-3", family: "qwen", matchedBy: "training-template", strategy: "training-template" });
  });

  test("other families: the Llama 3.1 original", async () => {
    const dir = await makeTokenizerDir({ configTemplate: await readOriginal("llama__3.1.jinja") });
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ id: "llama-3.1", family: "llama", matchedBy: "fingerprint", strategy: "fingerprint" });
  });

  test("an unknown revision: no id, the strategy that trains it and why (nearest variants named)", async () => {
    const dir = await makeTokenizerDir({ configTemplate: await unknownQwen3Revision() });
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(0);
    const answer = JSON.parse(run.stdout) as { id: null; strategy: string; note: string };
    expect(answer).toMatchObject({ id: null, family: null, matchedBy: null });
    expect(["derived", "synthesized"]).toContain(answer.strategy);
    expect(answer.note).toMatch(/nearest known variants: qwen-3/);
  });

  test("a template nothing can verify: exit 2 with the reason", async () => {
    const dir = await makeTokenizerDir({ configTemplate: "{{ raise_exception('no chat format') }}" });
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(dir);
    expect(run.stderr).toMatch(/raises on every probe conversation.*no chat format/s);
  });

  test("no chat template: exit 2", async () => {
    const dir = await makeTokenizerDir({});
    const run = await runCli(["detect", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("has no chat template");
  });
});

/** Qwen3 with its tool-result wrapper renamed: renders like Qwen3 on most conversations, but is not Qwen3. */
async function unknownQwen3Revision(): Promise<string> {
  const original = await readOriginal("qwen__3.jinja");
  const changed = original.replace("'\\n<tool_response>\\n'", "'\\n<tool_result>\\n'");
  if (changed === original) throw new Error("the Qwen3 original no longer has the tool_response wrapper this test edits");
  return changed;
}
