// `pnpm bench`: runs every benchmark section and writes BENCHMARKS.md (at the repository root) with the machine,
// the versions, the date and the command. Not part of the tests.
//   pnpm bench                          the full suite (about 6 minutes on 2 cores, after the build)
//   pnpm bench --quick                  a smoke run: small inputs, few passes
//   pnpm bench --only render,pipeline   some sections (ids below: render, pipeline, js-tokenizers, prepare,
//                                       prepare-floor, parquet, strategies)
//   pnpm bench --print                  print the markdown instead of writing BENCHMARKS.md (also --output FILE)
//   pnpm bench --prepare-records N      N of section 4's scale rows, which also runs 4N (default 20,000)
// A new section is a `*.bench.ts` exporting `run(options): Promise<BenchSection>` (see bench-kit.ts) and one line in
// SECTIONS. The end-to-end sections (prepare-floor, prepare, parquet) run the built CLI (`dist/bin.js`) through its
// public flags only, so they measure whatever pipeline the build holds.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { arch, cpus, freemem, loadavg, platform, release, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import * as renderSection from "./render.bench.ts";
import { benchOptionsFromArgs, sectionMarkdown, type BenchOptions, type BenchRun } from "./bench-kit.ts";

const SECTIONS: ReadonlyArray<{ id: string; load: () => Promise<{ run: BenchRun }> }> = [
  { id: "render", load: async () => renderSection },
  { id: "pipeline", load: () => import("./pipeline.bench.ts") },
  { id: "js-tokenizers", load: () => import("./js-tokenizers.bench.ts") },
  { id: "prepare", load: () => import("./prepare-scale.bench.ts") },
  { id: "prepare-floor", load: () => import("./prepare-floor.bench.ts") },
  { id: "parquet", load: () => import("./parquet-output.bench.ts") },
  { id: "strategies", load: () => import("./strategies.bench.ts") },
];

const REPOSITORY = fileURLToPath(new URL("../../../", import.meta.url));
const DEFAULT_OUTPUT = fileURLToPath(new URL("../../../BENCHMARKS.md", import.meta.url));
const PERFORMANCE_NOTE = fileURLToPath(new URL("./performance-note.md", import.meta.url));

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const options = benchOptionsFromArgs(args);
  const unknown = options.only?.filter((id) => !SECTIONS.some((section) => section.id === id)) ?? [];
  if (unknown.length > 0) throw new Error(`unknown section(s) ${unknown.join(", ")}; known: ${SECTIONS.map((s) => s.id).join(", ")}`);
  const started = new Date();
  const load = loadavg()[0]!;
  const parts: string[] = [];
  for (const section of SECTIONS) {
    if (options.only && !options.only.includes(section.id)) continue;
    console.error(`bench: ${section.id}…`);
    const sectionStarted = performance.now();
    const { run } = await section.load();
    const result = await run(options);
    parts.push(sectionMarkdown(result));
    console.error(`bench: ${section.id} done in ${((performance.now() - sectionStarted) / 1000).toFixed(0)} s`);
  }
  const minutes = (Date.now() - started.getTime()) / 60_000;
  const markdown = [header(options, args, started, load, minutes), ...parts, readFileSync(PERFORMANCE_NOTE, "utf8").trim()].join("\n\n") + "\n";
  if (options.print) process.stdout.write(markdown);
  else {
    const output = options.output ?? DEFAULT_OUTPUT;
    await writeFile(output, markdown);
    console.error(`bench: wrote ${output}`);
  }
}

function header(options: BenchOptions, args: string[], started: Date, load: number, minutes: number): string {
  const cpu = cpus();
  // Set by the render section when it ran (a live binding).
  const { pythonVersions } = renderSection;
  const lines = [
    "# Benchmarks",
    "",
    "Made by `pnpm bench` (packages/cli/bench, `run-all.ts`); not part of the tests. Each figure is a median over " +
      "repeated passes, and what matters are the ratios, all measured in the same run against a baseline.",
    "",
    `- command: \`pnpm bench${args.length ? ` ${args.join(" ")}` : ""}\`${options.quick ? " (**quick**: a smoke run, its figures are not meant to be quoted)" : ""}`,
    `- date: ${started.toISOString().replace(/\.\d+Z$/, "Z")}, ${minutes.toFixed(1)} minutes`,
    `- machine: ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at the end), ${platform()} ${release()} ${arch()}, load average ${load.toFixed(2)} at the start`,
    `- Node ${process.versions.node}; ${versions().join(", ")}`,
    ...(pythonVersions ? [`- Python ${pythonVersions.python}, Jinja2 ${pythonVersions.jinja2}, transformers ${pythonVersions.transformers} (the reference venv)`] : []),
    `- training-templates at ${gitRevision()}`,
  ];
  return lines.join("\n");
}

function versions(): string[] {
  const names = ["@huggingface/jinja", "tokenizers", "@huggingface/tokenizers", "@huggingface/transformers"];
  return names.map((name) => {
    try {
      const path = fileURLToPath(new URL(`../node_modules/${name}/package.json`, import.meta.url));
      return `${name} ${(JSON.parse(readFileSync(path, "utf8")) as { version: string }).version}`;
    } catch {
      return `${name} (not installed)`;
    }
  });
}

function gitRevision(): string {
  try {
    const revision = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPOSITORY, encoding: "utf8" }).trim();
    // BENCHMARKS.md itself is what a previous run left: not a change to what is measured.
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"], { cwd: REPOSITORY, encoding: "utf8" }).trim();
    return dirty ? `${revision} (with uncommitted changes)` : revision;
  } catch {
    return "an unknown revision";
  }
}

await main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
