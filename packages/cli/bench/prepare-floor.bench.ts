// Section 5, issue 17's targets for `prepare` end to end. Per family, three programs, each in its own process, run in
// turns (a pass of each, then the next pass, the order rotating), median over the passes:
//   floor    floor.mjs: the texts rendered beforehand (here, with the template `prepare` trains with), tokenized with
//            the native binding's `encodeBatch` 256 at a time, the same four arrays written as JSON Lines;
//   prepare  the built CLI, `prepare --tokenizer DIR --input FILE --output FILE.jsonl`, its defaults (labels included);
//   Python   prepare_python.py from the reference venv: transformers' `apply_chat_template(…, tokenize=True,
//            return_dict=True, return_assistant_tokens_mask=True)` with the same training template, per conversation.
// Each program reports its own clock, from its tokenizer loaded to the last row written; the rows compare them.
// A last row is a template no curated variant knows, whose masks `prepare` derives from extra renders, against its
// floor. The bench uses only the built CLI's commands and flags, so it measures whatever pipeline the build holds.
import { readFileSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { deriveAssistantSpans, renderChat, sampleConversations, specialTokenTextsFromConfig, type Conversation, type TrainingTemplate } from "@training-templates/core";
import { referencePython } from "@training-templates/testkit/python";
import { formatCount, formatRatio, median, medianMsInTurns, runIfMain, type BenchOptions, type BenchSection, type TargetResult } from "./bench-kit.ts";
import { reportedFigures, requireBuiltCli, runChild, runCli, runPrepare, writeLines } from "./child-runs.ts";
import { asRecord, contextOf, CORPUS_SEED, FAMILIES, LENGTHS, tokenizerDirOf, variantOf, type FamilySpec } from "./corpus.ts";
import { familyTokenizer, tokenizerWithTemplate } from "./hub-tokenizers.ts";

const FLOOR_SCRIPT = fileURLToPath(new URL("./floor.mjs", import.meta.url));
const PYTHON_SCRIPT = fileURLToPath(new URL("./prepare_python.py", import.meta.url));
/**
 * A template no curated variant knows, so `prepare` derives its masks: ChatML with tools in the Hermes format (as
 * Qwen2.5 writes them) and a generation prompt that opens a think block (as reasoning models' templates do), which no
 * set of `{% generation %}` markers can express, so no training template is synthesized either. It does not rewrite
 * history, so derived masks accept every conversation of the corpus.
 */
const DERIVED_TEMPLATE = readFileSync(fileURLToPath(new URL("./derived-template.jinja", import.meta.url)), "utf8");

const FLOOR_TARGET = 1.15;
const PYTHON_TARGET = 3;

/** Conversations drawn per family and length (before those the template refuses are left out). */
function drawCounts(quick: boolean): Record<keyof typeof LENGTHS, number> {
  return quick ? { short: 60, long: 20 } : { short: 1500, long: 500 };
}

const passesOf = (options: BenchOptions) => (options.quick ? 1 : 3);

interface Case {
  name: string;
  variant: TrainingTemplate;
  conversations: Conversation[];
  tokenizerDir: string;
  /** The template the texts are rendered with: what `prepare` trains with (the CLI's `template`), or the template itself where masks are derived. */
  template: string;
  /** The Python anchor needs a training template (with `{% generation %}` markers). */
  python: boolean;
}

/** What a program reports of one run: its own clock, the wall, and what it made. */
interface Figures {
  seconds: number;
  wallSeconds: number;
  tokens: number;
  records: number;
  rejected: number;
}

interface Program {
  name: "floor" | "prepare" | "Python";
  run: () => Promise<Figures>;
}

interface CaseResult {
  name: string;
  strategy: string;
  records: number;
  /** Per program: the medians of its own clock and of the wall, and what its last pass made. */
  figures: Map<Program["name"], Figures>;
  sameAsPrepare: { floor: number; pythonIds?: number; pythonMasks?: number };
  /** Records `prepare` rejected in the first pass, left out of the corpus. */
  dropped: number;
  derived?: DerivedBreakdown;
}

interface DerivedBreakdown {
  assistantTurns: number;
  renderMs: number;
  deriveMs: number;
}

export async function run(options: BenchOptions): Promise<BenchSection> {
  requireBuiltCli();
  const passes = passesOf(options);
  const python = await referencePython();
  const dir = await mkdtemp(join(tmpdir(), "tt-bench-floor-"));
  try {
    const results: CaseResult[] = [];
    let qwen: { spec: FamilySpec; conversations: Conversation[] } | undefined;
    for (const spec of FAMILIES) {
      const variant = variantOf(spec);
      const tokenizerDir = await familyTokenizer(spec, join(dir, `tokenizer-${variant.id}`));
      // The template `prepare` trains with, as the CLI prints it: the floor's texts are rendered with exactly it.
      const template = (await runCli(["template", "--tokenizer", tokenizerDir])).stdout;
      const conversations = draw(variant, options.quick);
      qwen ??= { spec, conversations };
      results.push(await measureCase({ name: variant.id, variant, conversations, tokenizerDir, template, python: true }, join(dir, variant.id), passes, python));
    }
    if (qwen) {
      const variant = variantOf(qwen.spec);
      const tokenizerDir = await tokenizerWithTemplate(tokenizerDirOf(qwen.spec), DERIVED_TEMPLATE, join(dir, "tokenizer-derived"));
      const derivedCase = { name: "derived masks (Qwen3 tokenizer, ChatML + think prompt)", variant, conversations: qwen.conversations, tokenizerDir, template: DERIVED_TEMPLATE, python: false };
      results.push(await measureCase(derivedCase, join(dir, "derived"), passes, python));
    }
    return section(results, passes, options);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The family's corpus: short and long conversations from the seeded generator, with tools where it has them. */
function draw(variant: TrainingTemplate, quick: boolean): Conversation[] {
  const counts = drawCounts(quick);
  return (Object.keys(LENGTHS) as Array<keyof typeof LENGTHS>).flatMap((length) =>
    sampleConversations({ seed: CORPUS_SEED, count: counts[length], features: { tools: variant.supportsTools, maxTurns: LENGTHS[length].maxTurns } }),
  );
}

async function measureCase(benchCase: Case, dir: string, passes: number, python: string): Promise<CaseResult> {
  await mkdir(dir, { recursive: true });
  const paths = {
    corpus: join(dir, "corpus.jsonl"),
    texts: join(dir, "texts.jsonl"),
    template: join(dir, "template.jinja"),
    first: join(dir, "first.jsonl"),
    rejects: join(dir, "rejects.jsonl"),
    floor: join(dir, "floor.jsonl"),
    prepare: join(dir, "prepare.jsonl"),
    python: join(dir, "python.jsonl"),
  };
  // Conversations the template refuses are left out, as corpus.ts does: every program then makes a row of each.
  let kept: Array<{ conversation: Conversation; text: string }> = [];
  for (const conversation of benchCase.conversations) {
    try {
      kept.push({ conversation, text: renderChat(benchCase.template, contextOf(benchCase.variant, conversation)).text });
    } catch {
      // Refused by the template: not part of the corpus.
    }
  }
  await writeLines(paths.corpus, kept.map(({ conversation }) => JSON.stringify(asRecord(benchCase.variant, conversation))));
  await writeFile(paths.template, benchCase.template);

  // A first, untimed pass of `prepare`: its rows give the floor its trained token ranges, and the records it rejects
  // (its per-record checks) are left out, so that all three programs make the same rows.
  const first = await runPrepare(benchCase.tokenizerDir, paths.corpus, paths.first, ["--rejects", paths.rejects]);
  const strategy = Object.keys(first.byStrategy).join(", ") || "none";
  let dropped = 0;
  if (first.rejected > 0) {
    const rejectedLines = new Set(
      (await readFile(paths.rejects, "utf8")).split("\n").filter(Boolean).map((line) => (JSON.parse(line) as { line: number }).line),
    );
    dropped = rejectedLines.size;
    kept = kept.filter((_, index) => !rejectedLines.has(index + 1));
    await writeLines(paths.corpus, kept.map(({ conversation }) => JSON.stringify(asRecord(benchCase.variant, conversation))));
  }
  const expected = (await readFile(paths.first, "utf8")).split("\n").filter(Boolean);
  if (expected.length !== kept.length) throw new Error(`${benchCase.name}: prepare wrote ${expected.length} rows for ${kept.length} records it accepted`);
  await writeLines(
    paths.texts,
    kept.map(({ text }, index) => JSON.stringify({ text, trained: trainedRanges((JSON.parse(expected[index]!) as { assistant_masks: number[] }).assistant_masks) })),
  );

  const programs: Program[] = [
    {
      name: "floor",
      run: async () => {
        const run = await runChild(process.execPath, [FLOOR_SCRIPT, "--tokenizer", benchCase.tokenizerDir, "--input", paths.texts, "--output", paths.floor]);
        return { ...reportedFigures(run.stderr), wallSeconds: run.wallSeconds };
      },
    },
    {
      name: "prepare",
      run: () => runPrepare(benchCase.tokenizerDir, paths.corpus, paths.prepare),
    },
  ];
  if (benchCase.python) {
    programs.push({
      name: "Python",
      run: async () => {
        const run = await runChild(python, [PYTHON_SCRIPT, benchCase.tokenizerDir, paths.template, paths.corpus, paths.python]);
        return { ...reportedFigures(run.stderr), wallSeconds: run.wallSeconds };
      },
    });
  }
  const samples = new Map<Program["name"], Figures[]>(programs.map((program) => [program.name, []]));
  for (let pass = 0; pass < passes; pass++) {
    // In turns, the order rotating, so that a change in the machine's load weighs on every program alike.
    for (let step = 0; step < programs.length; step++) {
      const program = programs[(pass + step) % programs.length]!;
      samples.get(program.name)!.push(await program.run());
    }
  }
  const figures = new Map<Program["name"], Figures>();
  for (const [name, runs] of samples) {
    const last = runs[runs.length - 1]!;
    figures.set(name, { ...last, seconds: median(runs.map((r) => r.seconds)), wallSeconds: median(runs.map((r) => r.wallSeconds)) });
  }

  const sameAsPrepare: CaseResult["sameAsPrepare"] = { floor: countSame(expected, (await readFile(paths.floor, "utf8")).split("\n")) };
  const prepared = (await readFile(paths.prepare, "utf8")).split("\n").filter(Boolean);
  if (countSame(expected, prepared) !== expected.length) throw new Error(`${benchCase.name}: prepare's rows differ from one pass to the next`);
  if (benchCase.python) {
    const pythonRows = (await readFile(paths.python, "utf8")).split("\n").filter(Boolean).map((line) => JSON.parse(line) as { input_ids?: number[]; assistant_masks?: number[] });
    let ids = 0;
    let masks = 0;
    for (const [index, line] of expected.entries()) {
      const ours = JSON.parse(line) as { input_ids: number[]; assistant_masks: number[] };
      const theirs = pythonRows[index];
      if (!theirs?.input_ids || !sameNumbers(ours.input_ids, theirs.input_ids)) continue;
      ids++;
      if (theirs.assistant_masks && sameNumbers(ours.assistant_masks, theirs.assistant_masks)) masks++;
    }
    sameAsPrepare.pythonIds = ids;
    sameAsPrepare.pythonMasks = masks;
  }
  const result: CaseResult = { name: benchCase.name, strategy, records: kept.length, figures, sameAsPrepare, dropped };
  if (!benchCase.python) result.derived = await derivedBreakdown(benchCase, kept.map(({ conversation }) => conversation), passes);
  return result;
}

/** [start, end) token ranges where the mask is 1. */
function trainedRanges(masks: readonly number[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (let index = 0; index < masks.length; index++) {
    if (masks[index] !== 1) continue;
    const start = index;
    while (index < masks.length && masks[index] === 1) index++;
    ranges.push([start, index]);
  }
  return ranges;
}

function countSame(expected: readonly string[], actual: readonly string[]): number {
  return expected.filter((line, index) => line === actual[index]).length;
}

function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/**
 * Where derived masks spend their time, measured in this process with the library's own functions (CPU time, one
 * thread): one render of each conversation, against `deriveAssistantSpans`, which renders every prefix it needs.
 */
async function derivedBreakdown(benchCase: Case, conversations: Conversation[], passes: number): Promise<DerivedBreakdown> {
  const config = JSON.parse(readFileSync(join(benchCase.tokenizerDir, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
  const specialTokens = benchCase.variant.specialTokens;
  const closingTokens = [benchCase.variant.endOfTurn, ...specialTokenTextsFromConfig(config)];
  const [renderMs, deriveMs] = (await medianMsInTurns(passes, [
    () => conversations.forEach((conversation) => renderChat(benchCase.template, contextOf(benchCase.variant, conversation))),
    () => conversations.forEach((conversation) => deriveAssistantSpans(benchCase.template, conversation, { specialTokens, closingTokens })),
  ])) as [number, number];
  const assistantTurns = conversations.reduce((sum, conversation) => sum + conversation.messages.filter((message) => message.role === "assistant").length, 0);
  return { assistantTurns, renderMs, deriveMs };
}

function section(results: CaseResult[], passes: number, options: BenchOptions): BenchSection {
  const families = results.filter((result) => result.figures.has("Python"));
  const seconds = (result: CaseResult, name: Program["name"]) => result.figures.get(name)?.seconds ?? Number.NaN;
  const rows = results.map((result) => {
    const floor = result.figures.get("floor")!;
    const prepare = result.figures.get("prepare")!;
    const python = result.figures.get("Python");
    const tokens = [floor.tokens, prepare.tokens, ...(python ? [python.tokens] : [])];
    const sameTokens = tokens.every((count) => count === prepare.tokens);
    return [
      result.name,
      result.strategy,
      formatCount(result.records),
      sameTokens ? formatCount(prepare.tokens) : `**differ**: floor ${formatCount(floor.tokens)}, prepare ${formatCount(prepare.tokens)}${python ? `, Python ${formatCount(python.tokens)}` : ""}`,
      floor.seconds.toFixed(2),
      prepare.seconds.toFixed(2),
      formatRatio(prepare.seconds / floor.seconds),
      python ? python.seconds.toFixed(2) : "—",
      python ? formatRatio(python.seconds / prepare.seconds) : "—",
      [floor, prepare, ...(python ? [python] : [])].map((figures) => figures.wallSeconds.toFixed(1)).join(" / "),
      [
        `${result.sameAsPrepare.floor}/${result.records}`,
        ...(result.sameAsPrepare.pythonIds !== undefined ? [`${result.sameAsPrepare.pythonIds}/${result.records}`, `${result.sameAsPrepare.pythonMasks}/${result.records}`] : []),
      ].join(" / "),
    ];
  });
  const sum = (name: Program["name"]) => families.reduce((total, result) => total + seconds(result, name), 0);
  const worstFloor = Math.max(...families.map((result) => seconds(result, "prepare") / seconds(result, "floor")));
  const worstPython = Math.min(...families.map((result) => seconds(result, "Python") / seconds(result, "prepare")));
  const targets: TargetResult[] = [
    {
      target: `\`prepare\` with its defaults ≤ ×${FLOOR_TARGET} the floor, on every family`,
      measured: `${formatRatio(sum("prepare") / sum("floor"))} over the four families, worst ${formatRatio(worstFloor)}`,
      reached: worstFloor <= FLOOR_TARGET,
    },
    {
      target: `≥ ×${PYTHON_TARGET} faster than the Python anchor, on every family`,
      measured: `${formatRatio(sum("Python") / sum("prepare"))} over the four families, worst ${formatRatio(worstPython)}`,
      reached: worstPython >= PYTHON_TARGET,
    },
  ];
  const counts = drawCounts(options.quick);
  const notes: string[] = [];
  const dropped = results.filter((result) => result.dropped > 0);
  if (dropped.length > 0) notes.push(`Records \`prepare\` rejected in its first pass, left out of the corpus: ${dropped.map((result) => `${result.name} ${result.dropped}`).join(", ")}.`);
  const pythonOverFloor = sum("Python") / sum("floor");
  notes.push(
    `The Python anchor takes ${formatRatio(pythonOverFloor)} the floor over the four families ` +
      `(${families.map((result) => `${result.name} ${formatRatio(seconds(result, "Python") / seconds(result, "floor"))}`).join(", ")}): ` +
      `×${PYTHON_TARGET} faster than Python means \`prepare\` at ${formatRatio(pythonOverFloor / PYTHON_TARGET)} the floor or less on this machine, ` +
      "under its load at the time. The floor's `encodeBatch` spreads over every core and Python's tokenizer works on one, so the " +
      "ratios against the floor move with the machine's load.",
  );
  const derived = results.find((result) => result.derived);
  if (derived?.derived) notes.push(derivedNote(derived, results.find((result) => result.name === "qwen-3")));
  notes.push(
    "Not the same thing as section 2: there the pipeline runs in-process on one thread, per conversation, against an " +
      "`encodeBatch` on one thread; here each program is a whole run as a user starts it, and the binding's thread pool " +
      "uses every core in the floor (and in `prepare`, where it batches).",
  );
  return {
    title: "5. prepare against the floor and the Python anchor",
    intro:
      `Per family, ${formatCount(counts.short)} short (up to ${LENGTHS.short.maxTurns} exchanges) and ${formatCount(counts.long)} long (up to ` +
      `${LENGTHS.long.maxTurns}) generated conversations with tools (where the family has them), less those the training template refuses, ` +
      "as one JSONL input; the tokenizer folder is the family's tokenizer.json with the vendor's original chat template, so `prepare` " +
      "picks the curated training template as for a model from the Hub. Three programs, each its own process, run in turns, the " +
      `median of ${passes} pass${passes === 1 ? "" : "es"}; each reports its own clock, from its tokenizer loaded to the last row written ` +
      "(`prepare`: summary.json's `seconds`). *floor*: `bench/floor.mjs`, the texts already rendered with the template `prepare` " +
      "trains with (the CLI's `template`) and the trained token ranges given, tokenized with the native binding's `encodeBatch` " +
      "256 at a time, the four arrays written as JSONL. *prepare*: the built CLI, `prepare --tokenizer DIR --input IN.jsonl " +
      "--output OUT.jsonl`, its defaults (which write labels). *Python*: `bench/prepare_python.py` in the reference venv, transformers' " +
      "`apply_chat_template(messages, tools=…, chat_template=<the same training template>, tokenize=True, return_dict=True, " +
      "return_assistant_tokens_mask=True)` per conversation, the same four arrays written as JSONL. *wall*: start to exit " +
      "(start-up and tokenizer loading included; Python's includes importing transformers). *same rows*: the floor's rows " +
      "byte-identical to `prepare`'s (its masks are `prepare`'s, so this checks the text and the tokens), then Python's " +
      "input_ids, then Python's assistant_masks equal to `prepare`'s.",
    headers: ["case", "strategy", "records", "tokens", "floor s", "prepare s", "prepare / floor", "Python s", "Python / prepare", "wall s (floor / prepare / Python)", "same rows (floor / Python ids / Python masks)"],
    rows,
    targets,
    notes,
  };
}

function derivedNote(result: CaseResult, curated: CaseResult | undefined): string {
  const { assistantTurns, renderMs, deriveMs } = result.derived!;
  const floor = result.figures.get("floor")!.seconds;
  const prepare = result.figures.get("prepare")!.seconds;
  const curatedRatio = curated ? curated.figures.get("prepare")!.seconds / curated.figures.get("floor")!.seconds : undefined;
  return (
    `Derived masks (the last row: ChatML with Hermes-style tools and a generation prompt that opens a think block, ` +
    "`bench/derived-template.jinja`; no curated variant knows it and no `{% generation %}` markers can express it, so " +
    `\`prepare\` plans strategy derived, and it rewrites no history, so every record is kept): ${formatRatio(prepare / floor)} its floor` +
    (curatedRatio !== undefined ? `, against ${formatRatio(curatedRatio)} for the curated qwen-3 template on the same conversations` : "") +
    `. Where the time goes: each record's masks come from renders of its prefixes — the whole conversation, then for each ` +
    `assistant turn the prefix before it with and without the generation prompt and the prefix through it (${(assistantTurns / result.records).toFixed(2)} ` +
    `assistant turns per record here). In this process, one render of every record takes ${(renderMs / 1000).toFixed(2)} s of CPU and ` +
    `\`deriveAssistantSpans\` of every record ${(deriveMs / 1000).toFixed(2)} s (${formatRatio(deriveMs / renderMs)}): the extra renders ` +
    `and span search cost about ${((deriveMs - renderMs) / 1000).toFixed(2)} s of the ${(prepare - floor).toFixed(2)} s \`prepare\` takes beyond its floor; ` +
    `the other ${(prepare - floor - (deriveMs - renderMs) / 1000).toFixed(2)} s compare with what it takes beyond the floor with a curated template` +
    (curated ? ` (qwen-3, its per-record text check included: ${(curated.figures.get("prepare")!.seconds - curated.figures.get("floor")!.seconds).toFixed(2)} s).` : ".")
  );
}

await runIfMain(import.meta.url, run);
