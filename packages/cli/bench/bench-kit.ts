// The shared shape of the benchmark suite: every `*.bench.ts` exports `run(options)` returning one `BenchSection`;
// `run-all.ts` runs the sections in turn and writes them into BENCHMARKS.md. Timings are medians over repeated
// passes, and every figure that matters is a ratio against a baseline measured in the same run, so a loaded or
// slower machine changes the absolute numbers but hardly the ratios.
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

export interface BenchOptions {
  /** A smoke run: small inputs, few passes. Its figures only show that the suite works. */
  quick: boolean;
  /** N of the scale rows of `prepare` end to end, which also runs 4N (default 20,000; 2,000 with `quick`). */
  prepareRecords?: number;
}

/** A verdict on one of the targets. */
export interface TargetResult {
  target: string;
  measured: string;
  reached: boolean;
}

export interface BenchSection {
  title: string;
  /** What is measured against what, in a sentence or two. */
  intro: string;
  headers: string[];
  rows: string[][];
  targets?: TargetResult[];
  notes?: string[];
}

export type BenchRun = (options: BenchOptions) => Promise<BenchSection>;

/**
 * RAYON_NUM_THREADS as the suite found it. Section 2 sets it to 1 in this process for its single-thread floor; child
 * processes (the CLI, the floor script) must not inherit that, or the native binding's `encodeBatch` would run on
 * one core there. Read here because `run-all.ts` imports this module before any section runs.
 */
const STARTING_RAYON_THREADS = process.env.RAYON_NUM_THREADS;

/** The environment for a benchmark's child process: this one's, with RAYON_NUM_THREADS as the suite found it. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (STARTING_RAYON_THREADS === undefined) delete env.RAYON_NUM_THREADS;
  else env.RAYON_NUM_THREADS = STARTING_RAYON_THREADS;
  return env;
}

/** Passes per measurement: the median of these is reported (after one untimed warm-up pass). */
export const passesFor = (options: BenchOptions) => (options.quick ? 2 : 5);

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** CPU milliseconds (user + system) this process has used so far, its native threads included. */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Median CPU milliseconds of one pass of `work`, over `passes` timed passes after one warm-up. CPU time rather than
 * wall time: on a shared machine, time spent waiting for a core is not the code's cost, and single-threaded work
 * costs the same CPU time loaded or quiet. It includes the native binding's threads and the garbage collector.
 */
export async function medianMs(passes: number, work: () => unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let pass = 0; pass < passes; pass++) {
    const started = cpuMs();
    await work();
    times.push(cpuMs() - started);
  }
  return median(times);
}

/**
 * Medians like `medianMs` for several pieces of work measured in turns (a pass of each, then the next pass), so a
 * change in machine load between them shifts all alike and their ratios hold.
 */
export async function medianMsInTurns(passes: number, works: ReadonlyArray<() => unknown>): Promise<number[]> {
  for (const work of works) await work();
  const times = works.map((): number[] => []);
  for (let pass = 0; pass < passes; pass++) {
    for (const [index, work] of works.entries()) {
      const started = cpuMs();
      await work();
      times[index]!.push(cpuMs() - started);
    }
  }
  return times.map(median);
}

/** Runs `work` on every item with at most `limit` under way, as `prepare` overlaps records on one thread. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export const formatRatio = (value: number) => `×${value.toFixed(2)}`;
export const formatMs = (value: number) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
export const formatCount = (value: number) => Math.round(value).toLocaleString("en-US");

export function markdownTable(headers: readonly string[], rows: readonly string[][]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((cell) => cell.replace(/\|/g, "\\|")).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

export function sectionMarkdown(section: BenchSection): string {
  const parts = [`## ${section.title}`, section.intro, markdownTable(section.headers, section.rows)];
  if (section.targets?.length) {
    parts.push(section.targets.map((t) => `- ${t.reached ? "reached" : "**not reached**"}: ${t.target} — measured ${t.measured}`).join("\n"));
  }
  if (section.notes?.length) parts.push(section.notes.map((note) => `- ${note}`).join("\n"));
  return parts.join("\n\n");
}

/** `--quick` and `--prepare-records N`, as `run-all.ts` and each section run alone take them. */
export function benchOptionsFromArgs(args: string[]): BenchOptions & { only?: string[]; output?: string; print: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      quick: { type: "boolean", default: false },
      "prepare-records": { type: "string" },
      only: { type: "string" },
      output: { type: "string" },
      print: { type: "boolean", default: false },
    },
  });
  const records = values["prepare-records"] === undefined ? undefined : Number(values["prepare-records"]);
  if (records !== undefined && (!Number.isInteger(records) || records < 10)) throw new Error("--prepare-records must be a whole number of at least 10");
  return {
    quick: values.quick,
    ...(records !== undefined ? { prepareRecords: records } : {}),
    ...(values.only ? { only: values.only.split(",") } : {}),
    ...(values.output ? { output: values.output } : {}),
    print: values.print,
  };
}

/** Lets a section run on its own (`tsx bench/render.bench.ts --quick`): prints its markdown. */
export async function runIfMain(moduleUrl: string, run: BenchRun): Promise<void> {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  console.log(sectionMarkdown(await run(benchOptionsFromArgs(process.argv.slice(2)))));
}
