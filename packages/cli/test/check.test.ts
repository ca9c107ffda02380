import { spawn } from "node:child_process";
import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { registry } from "@training-templates/all";
import { beforeAll, describe, expect, test } from "vitest";
import { CLI_BIN, makeQwen3Dir, makeTempDir, makeTokenizerDir, QWEN3_TOKENIZER_DIR, readOriginal, runCli, type CliRun } from "./helpers.ts";
import { CHATML } from "../../core/test/chatml-templates.ts";

const CHECK_NAMES = ["generationMarkers", "prefixPreservation", "stopToken", "toolCalling", "contentBlocks", "pythonParity"] as const;

interface CheckItem {
  status: string;
  detail: string;
}

/** The documented `--json` shape, as far as the tests rely on it. */
interface JsonReport {
  tokenizer: string;
  chatTemplate: { origin: string; present: boolean; names: string[] | null; hasGenerationMarkers: boolean };
  detection: { recognised: boolean; id?: string; family?: string; displayName?: string; matchedBy?: string; reason?: string; nearest?: string[] };
  trainingTemplate: {
    needed: boolean;
    available: boolean;
    source: string | null;
    id: string | null;
    description: string;
    endOfTurn: { token: string; source: string } | null;
  };
  checks: Record<(typeof CHECK_NAMES)[number], CheckItem>;
  verdict: { ready: boolean; summary: string };
}

/** A ChatML template with generation markers whose end-of-turn token is outside them: the model never learns to stop. */
const MARKED_WITHOUT_STOP_TOKEN = [
  "{%- for message in messages %}",
  "{{- '<|im_start|>' + message.role + '\\n' }}",
  "{%- if message.role == 'assistant' %}{% generation %}{{- message.content }}{% endgeneration %}{{- '<|im_end|>\\n' }}",
  "{%- else %}{{- message.content + '<|im_end|>\\n' }}{%- endif %}",
  "{%- endfor %}",
  "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
].join("\n");

/** A correctly marked template starting with the length of an emoji: 2 UTF-16 units here, 1 code point in Python. */
/** Indexing a string counts UTF-16 code units here and code points in Python (a difference the core README lists). */
const MARKED_DIFFERING_FROM_PYTHON = `{{- '😀x'[1] }}\n${CHATML}`;

let cwd: string;
beforeAll(async () => {
  cwd = await makeTempDir();
});

function parseReport(run: CliRun): JsonReport {
  expect(run.stderr).toBe("");
  return JSON.parse(run.stdout) as JsonReport;
}

/** `runCli` with extra environment variables (to choose the Python the parity check runs). */
function runCliWithEnv(args: string[], env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_BIN, ...args], { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("check: a tokenizer ready to train", () => {
  test("the published Qwen3 tokenizer (an older revision): recognised by behaviour, every check passes, exit 0", async () => {
    const run = await runCli(["check", "--tokenizer", QWEN3_TOKENIZER_DIR], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Detected +qwen-3 \(Qwen3, family qwen\), matched by behaviour$/m);
    expect(run.stdout).toMatch(/^Training template +needed; using training template qwen-3 \(matched by behaviour\)/m);
    expect(run.stdout).toMatch(/^End-of-turn token +<\|im_end\|> \(from qwen-3\)$/m);
    for (const label of ["generation markers", "prefix preservation", "stop token trained", "tool calling", "Python Jinja2 parity"]) {
      expect(run.stdout).toMatch(new RegExp(`^  pass +${label} +\\S`, "m"));
    }
    // Details wrap to the terminal's width: compare them with the line breaks taken out.
    expect(run.stdout.replace(/\s+/g, " ")).toContain("Python Jinja2 parity 8 sample conversations: same text and generation spans as Python Jinja2");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toBe("Verdict: ready to train with the qwen-3 training template");
  });

  test("--json: the documented shape, with the variant's end-of-turn token", async () => {
    const run = await runCli(["check", "--tokenizer", QWEN3_TOKENIZER_DIR, "--json"], { cwd });
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(Object.keys(report)).toEqual(["tokenizer", "chatTemplate", "detection", "trainingTemplate", "checks", "verdict"]);
    expect(report.tokenizer).toBe(QWEN3_TOKENIZER_DIR);
    expect(report.chatTemplate).toMatchObject({ present: true, names: null, hasGenerationMarkers: false });
    expect(report.chatTemplate.origin).toContain("tokenizer_config.json");
    expect(report.detection).toEqual({ recognised: true, id: "qwen-3", family: "qwen", displayName: registry.get("qwen-3")!.displayName, matchedBy: "behaviour" });
    expect(report.trainingTemplate).toMatchObject({ needed: true, available: true, source: "registry", id: "qwen-3" });
    expect(report.trainingTemplate.endOfTurn).toEqual({ token: registry.get("qwen-3")!.endOfTurn, source: "qwen-3" });
    expect(Object.keys(report.checks)).toEqual([...CHECK_NAMES]);
    for (const name of CHECK_NAMES.filter((name) => name !== "contentBlocks")) expect(report.checks[name]).toEqual({ status: "pass", detail: expect.any(String) });
    // Qwen3 reads only string content: a list of blocks would train as an empty turn. A warning, not a blocker.
    expect(report.checks.contentBlocks).toEqual({ status: "warn", detail: "the template takes only string content (a list of content blocks renders as an empty turn): such records are rejected unless --content-blocks join" });
    expect(report.verdict).toEqual({ ready: true, summary: "ready to train with the qwen-3 training template" });
  });

  test("a template that takes content blocks (Qwen2.5-VL) passes the content blocks check", async () => {
    const report = parseReport(await runCli(["check", "--tokenizer", await makeTokenizerDir({ configTemplate: await readOriginal("qwen__2.5-vl.jinja") }), "--json"], { cwd }));
    expect(report.checks.contentBlocks.status).toBe("pass");
  });

  test("a revision no variant matches: masks derived from its own renders, verified on the probes, ready (exit 0)", async () => {
    const run = await runCli(["check", "--tokenizer", await makeTokenizerDir({ configTemplate: await unknownQwen3Revision() }), "--json"], { cwd });
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(report.detection.recognised).toBe(false);
    expect(report.detection.reason).toMatch(/no curated variant \(not a known original; nearest known variants: qwen-3[,)]/);
    expect(report.trainingTemplate).toMatchObject({ needed: true, available: true, source: "derived", strategy: "derived", id: null });
    expect(report.trainingTemplate.description).toMatch(/derived masks verified on \d+\/\d+ probe conversations/);
    expect(report.checks.stopToken.status).toBe("pass");
    // Qwen3 writes the think block only for the last turn: multi-turn records whose history changes are rejected.
    expect(report.checks.prefixPreservation.status).toBe("warn");
    expect(report.verdict.summary).toMatch(/^ready to train with masks derived from the tokenizer's own template/);
  });

  test("the current Qwen3 original is recognised by fingerprint", async () => {
    const report = parseReport(await runCli(["check", "--tokenizer", await makeQwen3Dir(), "--json"], { cwd }));
    expect(report.detection).toMatchObject({ recognised: true, id: "qwen-3", matchedBy: "fingerprint" });
    expect(report.verdict.ready).toBe(true);
  });
});

describe("check: not ready", () => {
  test("a template nothing can verify (it raises on every conversation): no training template, the reason, exit 2", async () => {
    const dir = await makeTokenizerDir({ configTemplate: "{{ raise_exception('this model has no chat format') }}" });
    const run = await runCli(["check", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout.replace(/\s+/g, " ")).toMatch(/Detected none: .*raises on every probe conversation \(first: .*this model has no chat format/);
    expect(run.stdout).toMatch(/^Training template +needed; none available$/m);
    expect(run.stdout).toMatch(/^  not checked +Python Jinja2 parity +there is no training template to check$/m);

    const report = parseReport(await runCli(["check", "--tokenizer", dir, "--json"], { cwd }));
    expect(report.detection.recognised).toBe(false);
    expect(report.trainingTemplate).toMatchObject({ needed: true, available: false, source: null, id: null, endOfTurn: null });
    for (const name of CHECK_NAMES) expect(report.checks[name].status).toBe("not checked");
    expect(report.verdict.ready).toBe(false);
  });

  test("no chat template: exit 2, pointing to the ChatML training template", async () => {
    const dir = await makeTokenizerDir({});
    const run = await runCli(["check", "--tokenizer", dir], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^Chat template +none \(checked .*chat_template\.jinja/m);
    expect(run.stdout).toContain("Verdict: not ready: the tokenizer has no chat template; train with the ChatML training template");
  });

  test("its own markers leave the end-of-turn token untrained: not used, a synthesized template instead, the report says why", async () => {
    const dir = await makeTokenizerDir({ configTemplate: MARKED_WITHOUT_STOP_TOKEN });
    const run = await runCli(["check", "--tokenizer", dir, "--json"], { cwd });
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(report.trainingTemplate).toMatchObject({ needed: true, available: true, source: "synthesized", strategy: "synthesized", id: null });
    expect(report.trainingTemplate.description).toContain('the markers leave "<|im_end|>" at the end of the turn untrained');
    expect(report.checks.stopToken.status).toBe("pass");
    expect(report.checks.generationMarkers.status).toBe("pass");
    expect(report.verdict.summary).toMatch(/^ready to train with a training template synthesized from the tokenizer's own/);
  });

  test("a template our renderer draws differently from Python Jinja2: parity fails, exit 2", async () => {
    const dir = await makeTokenizerDir({ configTemplate: MARKED_DIFFERING_FROM_PYTHON });
    const run = await runCli(["check", "--tokenizer", dir, "--json"], { cwd });
    expect(run.code).toBe(2);
    const report = parseReport(run);
    expect(report.checks.stopToken.status).toBe("pass");
    expect(report.checks.pythonParity.status).toBe("fail");
    expect(report.checks.pythonParity.detail).toMatch(/^sample conversation 1 of 8: the text differs from Python's at character 0/);
    expect(report.verdict.summary).toBe("not ready: the tokenizer's own template fails Python Jinja2 parity");
  });
});

describe("check: without Python", () => {
  test("Python missing: parity not checked with the reason, still ready (exit 0), the verdict says so", async () => {
    const run = await runCliWithEnv(["check", "--tokenizer", QWEN3_TOKENIZER_DIR, "--json"], { TRAINING_TEMPLATES_PYTHON: join(cwd, "no-such-python") });
    expect(run.code).toBe(0);
    const report = parseReport(run);
    expect(report.checks.pythonParity.status).toBe("not checked");
    expect(report.checks.pythonParity.detail).toContain(`Python not found: cannot run "${join(cwd, "no-such-python")}"`);
    expect(report.verdict).toEqual({ ready: true, summary: "ready to train with the qwen-3 training template (Python Jinja2 parity not checked)" });
  });

  test("Jinja2 missing: parity not checked, saying how to install it", async () => {
    // Python without its site-packages: Jinja2 cannot be imported.
    const python = join(cwd, "python-without-jinja2");
    await writeFile(python, '#!/bin/sh\nexec python3 -I -S "$@"\n');
    await chmod(python, 0o755);
    const run = await runCliWithEnv(["check", "--tokenizer", QWEN3_TOKENIZER_DIR, "--json"], { TRAINING_TEMPLATES_PYTHON: python });
    expect(run.code).toBe(0);
    const { checks, verdict } = parseReport(run);
    expect(checks.pythonParity.status).toBe("not checked");
    expect(checks.pythonParity.detail).toMatch(/^Jinja2 is not installed for this Python .*pip install jinja2/);
    expect(verdict.summary).toBe("ready to train with the qwen-3 training template (Python Jinja2 parity not checked)");
  });
});

describe("check: help", () => {
  test("--help prints the usage, exit 0; the tool's help lists check", async () => {
    const run = await runCli(["check", "--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout.startsWith("Usage: training-templates check --tokenizer DIR_OR_HUB_ID")).toBe(true);
    expect(run.stdout).toContain("Exit codes:");
    expect((await runCli(["--help"], { cwd })).stdout).toMatch(/^  check +\S/m);
  });
});

/** Qwen3 with its tool-result wrapper renamed: renders like Qwen3 on most conversations, but is not Qwen3. */
async function unknownQwen3Revision(): Promise<string> {
  const original = await readOriginal("qwen__3.jinja");
  const changed = original.replace("'\\n<tool_response>\\n'", "'\\n<tool_result>\\n'");
  if (changed === original) throw new Error("the Qwen3 original no longer has the tool_response wrapper this test edits");
  return changed;
}
