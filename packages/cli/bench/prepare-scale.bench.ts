// Section 4, `prepare` end to end at scale with the built CLI: its defaults on N and on 4N Qwen3 conversations (time
// linear and peak memory flat in input size), and on N with `--workers 1` and `--workers 2` named (what a second
// worker gives, whatever the default of --workers is). Only the CLI's public flags: it measures whatever pipeline the
// build holds.
import { mkdtemp, rm, stat } from "node:fs/promises";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { sampleConversations } from "@training-templates/core";
import { formatCount, formatRatio, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";
import { requireBuiltCli, runPrepare, writeLines, type PrepareRun } from "./child-runs.ts";
import { asRecord, CORPUS_SEED, FAMILIES, LENGTHS, variantOf } from "./corpus.ts";
import { familyTokenizer } from "./hub-tokenizers.ts";

/** Distinct conversations; the input cycles through them (drawing 80,000 would take longer than encoding them). */
const POOL_SIZE = 2000;
/** 4 times the input may take at most this many times as long to count as linear. */
const LINEAR_RATIO = 4.4;
/** Peak memory for 4 times the input may grow by at most this factor to count as flat. */
const FLAT_RATIO = 1.25;
/** A second worker must never make `prepare` slower (issue 17). */
const WORKERS_RATIO = 1;

interface Measurement extends PrepareRun {
  label: string;
}

export async function run(options: BenchOptions): Promise<BenchSection> {
  requireBuiltCli();
  const records = options.prepareRecords ?? (options.quick ? 2000 : 20_000);
  const spec = FAMILIES[0]!;
  const variant = variantOf(spec);
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-prepare-"));
  try {
    const tokenizer = await familyTokenizer(spec, join(dir, "tokenizer"));
    const pool = sampleConversations({ seed: CORPUS_SEED, count: POOL_SIZE, features: { tools: variant.supportsTools, maxTurns: LENGTHS.short.maxTurns } }).map(
      (conversation) => JSON.stringify(asRecord(variant, conversation)),
    );
    const small = join(dir, "n.jsonl");
    const large = join(dir, "4n.jsonl");
    await writeLines(small, cycle(pool, records));
    await writeLines(large, cycle(pool, 4 * records));
    const measure = async (input: string, label: string, flags: string[] = []): Promise<Measurement> => {
      const output = join(dir, "output.jsonl");
      const measured = await runPrepare(tokenizer, input, output, flags, { measure: join(dir, "rss.json") });
      await rm(output, { force: true });
      return { ...measured, label };
    };
    // N before and after 4N, averaged: a machine getting busier or quieter over the run weighs on both sizes alike.
    const smallBefore = await measure(small, "defaults, N (before 4N)");
    const largeRun = await measure(large, "defaults, 4N");
    const smallAfter = await measure(small, "defaults, N (after 4N)");
    const one = await measure(small, "--workers 1, N", ["--workers", "1"]);
    const two = await measure(small, "--workers 2, N", ["--workers", "2"]);
    const smallSeconds = (smallBefore.seconds + smallAfter.seconds) / 2;
    const smallPeak = Math.max(smallBefore.peakRssMiB!, smallAfter.peakRssMiB!);
    const timeRatio = largeRun.seconds / smallSeconds;
    const cpuRatio = largeRun.cpuSeconds! / ((smallBefore.cpuSeconds! + smallAfter.cpuSeconds!) / 2);
    const memoryRatio = largeRun.peakRssMiB! / smallPeak;
    const workersRatio = one.seconds / two.seconds;
    // The default (`--workers auto`) picks from the cores: on a machine where it picks one, it is \`--workers 1\`.
    const defaultWorkers = smallBefore.workers;
    const defaultRatio = one.seconds / smallSeconds;
    const inputMiB = (await stat(large)).size / 2 ** 20;
    const row = (m: Measurement) => [
      m.label,
      formatCount(m.records),
      m.wallSeconds.toFixed(1),
      m.seconds.toFixed(1),
      formatCount(m.records / m.seconds),
      formatCount(m.tokens / m.seconds),
      m.cpuSeconds!.toFixed(1),
      (m.cpuSeconds! / m.wallSeconds).toFixed(2),
      m.peakRssMiB!.toFixed(0),
    ];
    return {
      title: `4. prepare at scale: ${formatCount(records)} and ${formatCount(4 * records)} conversations; 1 and 2 workers`,
      intro:
        `The built CLI, \`prepare --tokenizer DIR --input IN.jsonl --output OUT.jsonl\` with its defaults, on N = ${formatCount(records)} and ` +
        `4N = ${formatCount(4 * records)} ${variant.id} conversations (4N: ${inputMiB.toFixed(0)} MiB of JSONL), cycling through ` +
        `${formatCount(POOL_SIZE)} generated ones (up to ${LENGTHS.short.maxTurns} exchanges, with tools), the tokenizer folder being ` +
        `${spec.tokenizerPackage}'s tokenizer.json with the vendor's original chat template; N runs before and after 4N, and the ` +
        "figures for N are their mean. Then N with `--workers 1` and with `--workers 2`. One pass each. *wall*: start to exit; " +
        "*prepare s*: the CLI's own clock (summary.json), from its workers being ready to the last record written, which " +
        "records/s and tokens/s are per. *CPU s*: the whole process's CPU time, start-up included (worker threads and the " +
        "native binding's threads too), which a busier machine changes less than the clock; *cores busy*: that over its wall " +
        "time. Peak RSS of the whole process (Linux VmHWM).",
      headers: ["run", "records", "wall s", "prepare s", "records/s", "tokens/s", "CPU s", "cores busy", "peak RSS MiB"],
      rows: [row(smallBefore), row(largeRun), row(smallAfter), row(one), row(two)],
      targets: [
        {
          target: `time linear in input size (4N: at most ×${LINEAR_RATIO} the time of N)`,
          measured: `${formatRatio(timeRatio)} on the CLI's clock (${largeRun.seconds.toFixed(1)} s against ${smallSeconds.toFixed(1)} s); ${formatRatio(cpuRatio)} in CPU time, start-up included`,
          reached: timeRatio <= LINEAR_RATIO,
        },
        {
          target: `peak memory flat in input size (4N: at most ×${FLAT_RATIO} the peak RSS of N)`,
          measured: `${formatRatio(memoryRatio)} (${largeRun.peakRssMiB!.toFixed(0)} MiB against ${smallPeak.toFixed(0)} MiB)`,
          reached: memoryRatio <= FLAT_RATIO,
        },
        {
          target: "the default `--workers` (auto) never slower than `--workers 1`",
          measured:
            defaultWorkers === 1
              ? `auto chose 1 worker on ${availableParallelism()} cores: the same configuration as \`--workers 1\` (${formatRatio(defaultRatio)} its records/s in these runs, the machine's noise)`
              : `auto chose ${defaultWorkers} workers on ${availableParallelism()} cores: ${formatRatio(defaultRatio)} the records/s of \`--workers 1\``,
          reached: defaultWorkers === 1 || defaultRatio >= WORKERS_RATIO,
        },
      ],
      notes: [
        `\`--workers 2\` against \`--workers 1\` on N: ${formatRatio(workersRatio)} the records/s, for ${formatRatio(two.cpuSeconds! / one.cpuSeconds!)} the CPU time ` +
          `and ${formatRatio(two.peakRssMiB! / one.peakRssMiB!)} the peak memory (one worker keeps ${(one.cpuSeconds! / one.wallSeconds).toFixed(2)} of ${availableParallelism()} cores busy).`,
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function* cycle(pool: readonly string[], count: number): Generator<string> {
  for (let index = 0; index < count; index++) yield pool[index % pool.length]!;
}

await runIfMain(import.meta.url, run);
