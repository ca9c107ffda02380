// Section 4, `prepare` end to end with the built CLI: records/s, tokens/s and peak memory with one thread and with
// two workers, and peak memory for a tenth of the input (memory must stay flat as the input grows).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sampleConversations } from "@training-templates/core";
import { formatCount, formatRatio, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { asRecord, CORPUS_SEED, FAMILIES, tokenizerDirOf, variantOf } from "./corpus.ts";

const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));
/** Distinct conversations; the input cycles through them (drawing 100,000 would take longer than encoding them). */
const POOL_SIZE = 2000;
/** Short conversations (as in section 2's short cases), so that 100,000 of them twice fit a ~10-minute suite. */
const PREPARE_MAX_TURNS = 2;
const SCALING_TARGET = 1.7;
/** Peak memory for ten times the input may grow by at most this factor to count as flat. */
const FLAT_RATIO = 1.25;

interface Measurement {
  label: string;
  records: number;
  workers: number;
  /** Start to exit, as a user waits. */
  wallSeconds: number;
  /** The CLI's own clock (its summary's `time:`): from the workers being ready to the last record written. */
  seconds: number;
  tokens: number;
  peakRssMiB: number;
  /** CPU time of all the process's threads over wall time: how many cores it kept busy. */
  coresBusy: number;
}

export async function run(options: BenchOptions): Promise<BenchSection> {
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build the CLI first (\`pnpm bench\` does)`);
  const records = options.prepareRecords ?? (options.quick ? 5000 : 100_000);
  const spec = FAMILIES[0]!;
  const variant = variantOf(spec);
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-prepare-"));
  try {
    const pool = sampleConversations({ seed: CORPUS_SEED, count: POOL_SIZE, features: { tools: variant.supportsTools, maxTurns: PREPARE_MAX_TURNS } }).map(
      (conversation) => JSON.stringify(asRecord(variant, conversation)),
    );
    const large = join(dir, "large.jsonl");
    const small = join(dir, "small.jsonl");
    await writeInput(large, pool, records);
    await writeInput(small, pool, Math.round(records / 10));
    const tokenizer = tokenizerDirOf(spec);
    const one = await measure(dir, large, tokenizer, 1, "1 thread");
    const two = await measure(dir, large, tokenizer, 2, "2 workers");
    const oneSmall = await measure(dir, small, tokenizer, 1, "1 thread");
    const twoSmall = await measure(dir, small, tokenizer, 2, "2 workers");
    const inputMiB = (await stat(large)).size / 2 ** 20;
    const row = (m: Measurement) => [
      m.label,
      formatCount(m.records),
      m.wallSeconds.toFixed(1),
      m.seconds.toFixed(1),
      formatCount(m.records / m.seconds),
      formatCount(m.tokens / m.seconds),
      m.coresBusy.toFixed(2),
      m.peakRssMiB.toFixed(0),
    ];
    const scaling = one.seconds / two.seconds;
    const cores = availableParallelism();
    const memoryGrowth = Math.max(one.peakRssMiB / oneSmall.peakRssMiB, two.peakRssMiB / twoSmall.peakRssMiB);
    return {
      title: `4. prepare end to end: ${formatCount(records)} conversations, 1 and 2 workers`,
      intro:
        `The built CLI, \`prepare --tokenizer <${spec.tokenizerPackage}> --workers N\`, on ${formatCount(records)} ${variant.id} ` +
        `conversations (${inputMiB.toFixed(0)} MiB of JSONL, cycling through ${formatCount(POOL_SIZE)} generated ones, up to ${PREPARE_MAX_TURNS} ` +
        "exchanges, with tools) and on a tenth of them. *wall*: start to exit; *encoding*: the CLI's own clock, from the " +
        "tokenizer(s) being loaded to the last record written, which records/s and tokens/s are per. Peak RSS of the " +
        "whole process (worker threads share it; Linux VmHWM). *cores busy*: the process's CPU time over its wall time; " +
        "with one thread the native binding already tokenizes on a libuv thread while the main thread renders the next " +
        "record, so the baseline uses more than one core. *1 thread* is the default (`--workers 1` encodes on the " +
        "main thread); *2 workers* encode on two worker threads while the main thread reads and writes.",
      headers: ["run", "records", "wall s", "encoding s", "records/s", "tokens/s", "cores busy", "peak RSS MiB"],
      rows: [row(one), row(two), row(oneSmall), row(twoSmall)],
      targets: [
        {
          target: `2 workers ≥ ×${SCALING_TARGET} the records/s of one`,
          measured: `${formatRatio(scaling)}; on ${cores} cores, with one thread already keeping ${one.coresBusy.toFixed(2)} busy, at most ${formatRatio(cores / one.coresBusy)} is possible`,
          reached: scaling >= SCALING_TARGET,
        },
        {
          target: `peak memory flat in input size (×10 the input, at most ×${FLAT_RATIO} the peak)`,
          measured: `×${(one.peakRssMiB / oneSmall.peakRssMiB).toFixed(2)} with 1 thread, ×${(two.peakRssMiB / twoSmall.peakRssMiB).toFixed(2)} with 2 workers`,
          reached: memoryGrowth <= FLAT_RATIO,
        },
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function writeInput(path: string, pool: readonly string[], records: number): Promise<void> {
  const stream = createWriteStream(path);
  for (let index = 0; index < records; index++) {
    if (!stream.write(`${pool[index % pool.length]}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

async function measure(dir: string, input: string, tokenizer: string, workers: number, label: string): Promise<Measurement> {
  const output = join(dir, "output.jsonl");
  const rssFile = join(dir, "rss.json");
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", PRELOAD, CLI_BIN, "prepare", "--tokenizer", tokenizer, "--input", input, "--output", output, "--workers", String(workers), "--progress-interval", "0"],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, BENCH_RSS_FILE: rssFile } },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  const wallSeconds = (performance.now() - started) / 1000;
  // Exit code 1 means some records were rejected: a run all the same, if it got as far as its summary.
  if ((code !== 0 && code !== 1) || !/^time:/m.test(stderr)) throw new Error(`prepare exited with ${code}:\n${stderr}`);
  const { maxRssKiB, cpuSeconds } = JSON.parse(await readFile(rssFile, "utf8")) as { maxRssKiB: number; cpuSeconds: number };
  const records = Number(/records:\s+[\d,]+ in, ([\d,]+) out/.exec(stderr)?.[1]?.replace(/,/g, "") ?? Number.NaN);
  const tokens = Number(/tokens:\s+([\d,]+)/.exec(stderr)?.[1]?.replace(/,/g, "") ?? Number.NaN);
  const seconds = Number(/time:\s+([\d.]+) s/.exec(stderr)?.[1] ?? Number.NaN);
  await rm(output, { force: true });
  return { label, records, workers, wallSeconds, seconds, tokens, peakRssMiB: maxRssKiB / 1024, coresBusy: cpuSeconds / wallSeconds };
}

await runIfMain(import.meta.url, run);
