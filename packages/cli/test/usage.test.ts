import { beforeAll, describe, expect, test } from "vitest";
import { makeTempDir, runCli } from "./helpers.ts";

const COMMANDS = ["prepare", "template", "detect", "mask"];

let cwd: string;
beforeAll(async () => {
  cwd = await makeTempDir();
});

describe("help and usage errors", () => {
  test("--help lists every command on stdout, exit 0", async () => {
    const run = await runCli(["--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    for (const command of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${command}\\s`, "m"));
  });

  test.each(COMMANDS)("%s --help shows that command's usage, exit 0", async (command) => {
    const run = await runCli([command, "--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith(`Usage: training-templates ${command} --tokenizer DIR`)).toBe(true);
    expect(run.stderr).toBe("");
  });

  test("list --help shows its usage, exit 0", async () => {
    const run = await runCli(["list", "--help"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("Usage: training-templates list")).toBe(true);
  });

  test("no command: usage on stderr, exit 2", async () => {
    const run = await runCli([], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("Usage: training-templates <command>");
  });

  test("an unknown command: named, with usage, on stderr, exit 2", async () => {
    const run = await runCli(["frobnicate", "--tokenizer", "x"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown command "frobnicate"');
    expect(run.stderr).toContain("Usage: training-templates <command>");
  });

  test("an unknown flag: named, with the command's usage, on stderr, exit 2", async () => {
    const run = await runCli(["detect", "--tokenizer", "x", "--bogus"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("'--bogus'");
    expect(run.stderr).toContain("Usage: training-templates detect --tokenizer DIR");
  });

  test("a stray argument is a usage error", async () => {
    const run = await runCli(["template", "--tokenizer", "x", "extra"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("extra");
  });

  test.each([
    [["template"], "--tokenizer"],
    [["mask", "--tokenizer", "x", "--output", "o.jsonl"], "--input"],
    [["mask", "--tokenizer", "x", "--input", "i.jsonl"], "--output"],
    [["prepare", "--input", "i.jsonl", "--output", "o.jsonl"], "--tokenizer"],
    [["prepare", "--tokenizer", "x", "--output", "o.jsonl"], "--input"],
    [["prepare", "--tokenizer", "x", "--input", "i.jsonl"], "--output"],
  ])("%j: missing %s, exit 2", async (args, flag) => {
    const run = await runCli(args, { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`missing ${flag}`);
  });

  test("--version prints the package version", async () => {
    const run = await runCli(["--version"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
