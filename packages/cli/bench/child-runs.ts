// The programs the end-to-end sections run as child processes: the built CLI (only through its public commands and
// flags, so the sections measure whatever pipeline the build holds), the floor script and the Python anchor. Each run
// gives its exit code, stderr, wall time and, for Node children given `report-peak-rss.mjs`, peak RSS and CPU time.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { childEnv } from "./bench-kit.ts";

export const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));

export function requireBuiltCli(): void {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build the CLI first (\`pnpm bench\` does)`);
}

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Start to exit, as a user waits (start-up and loading included). */
  wallSeconds: number;
  /** Linux VmHWM of a Node child run with `measure` (worker threads included). */
  peakRssMiB?: number;
  /** CPU time of all of a measured Node child's threads. */
  cpuSeconds?: number;
}

export interface ChildOptions {
  env?: Record<string, string>;
  /** Exit codes that are a run all the same (default 0). */
  okCodes?: readonly number[];
  /** Node children only: preload `report-peak-rss.mjs`, which writes peak RSS and CPU time to this file at exit. */
  measure?: string;
}

/** Runs `command args`, failing with its stderr on an exit code not in `okCodes`. */
export async function runChild(command: string, args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  const fullArgs = options.measure ? ["--import", PRELOAD, ...args] : [...args];
  const env = childEnv({ ...options.env, ...(options.measure ? { BENCH_RSS_FILE: options.measure } : {}) });
  const started = performance.now();
  const child = spawn(command, fullArgs, { stdio: ["ignore", "pipe", "pipe"], env });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  const wallSeconds = (performance.now() - started) / 1000;
  if (!(options.okCodes ?? [0]).includes(code ?? -1)) {
    throw new Error(`${command} ${fullArgs.join(" ")} exited with ${code}:\n${stderr.slice(-4000)}`);
  }
  const run: ChildRun = { code, stdout, stderr, wallSeconds };
  if (options.measure) {
    const { maxRssKiB, cpuSeconds } = JSON.parse(await readFile(options.measure, "utf8")) as { maxRssKiB: number; cpuSeconds: number };
    run.peakRssMiB = maxRssKiB / 1024;
    run.cpuSeconds = cpuSeconds;
  }
  return run;
}

/** The built CLI's command `args`. */
export function runCli(args: readonly string[], options: ChildOptions = {}): Promise<ChildRun> {
  return runChild(process.execPath, [CLI_BIN, ...args], options);
}

export interface PrepareRun extends ChildRun {
  /** The CLI's own clock (summary.json `seconds`, the summary's `time:`): from its workers being ready to the last record written. */
  seconds: number;
  /** The worker threads it ran (summary.json `workers`: what `--workers auto` chose). */
  workers: number;
  records: number;
  rejected: number;
  tokens: number;
  /** Records per training strategy (`fingerprint`, `derived`, …). */
  byStrategy: Record<string, number>;
}

/**
 * `prepare --tokenizer DIR --input INPUT --output OUTPUT.jsonl` plus `extra` flags, with no progress lines; its figures
 * from the summary.json written beside the output. Exit code 1 (some records rejected) is a run all the same.
 */
export async function runPrepare(tokenizer: string, input: string, output: string, extra: readonly string[] = [], options: ChildOptions = {}): Promise<PrepareRun> {
  if (!output.endsWith(".jsonl")) throw new Error(`runPrepare writes JSON Lines: ${output} should end with .jsonl`);
  const args = ["prepare", "--tokenizer", tokenizer, "--input", input, "--output", output, "--progress-interval", "0", ...extra];
  const run = await runCli(args, { okCodes: [0, 1], ...options });
  const summaryPath = `${output.slice(0, -".jsonl".length)}.summary.json`;
  const summary = JSON.parse(await readFile(summaryPath, "utf8")) as {
    seconds: number;
    workers: number;
    records: { out: number; rejected: number; byStrategy: Record<string, number> };
    tokens: { total: number };
  };
  return {
    ...run,
    seconds: summary.seconds,
    workers: summary.workers,
    records: summary.records.out,
    rejected: summary.records.rejected,
    tokens: summary.tokens.total,
    byStrategy: summary.records.byStrategy,
  };
}

/** What the floor script and the Python anchor print on stderr at the end, in the CLI summary's words. */
export function reportedFigures(stderr: string): { seconds: number; records: number; tokens: number; rejected: number } {
  const figure = (name: string) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(stderr)?.[1] ?? Number.NaN);
  const figures = { seconds: figure("time"), records: figure("records"), tokens: figure("tokens"), rejected: figure("rejected") };
  if (Number.isNaN(figures.seconds) || Number.isNaN(figures.tokens)) throw new Error(`no closing figures on stderr:\n${stderr.slice(-2000)}`);
  return { ...figures, rejected: Number.isNaN(figures.rejected) ? 0 : figures.rejected };
}

/** Writes one line per item, as a stream (inputs of 100,000 records are not held as one string). */
export async function writeLines(path: string, lines: Iterable<string>): Promise<void> {
  const stream = createWriteStream(path);
  for (const line of lines) {
    if (!stream.write(`${line}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}
