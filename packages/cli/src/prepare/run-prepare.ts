import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command.ts";
import { RecordEncoder, type Outcome } from "../encoding/encode-record.ts";
import { endOfTurnFor } from "../encoding/end-of-turn.ts";
import { chooseTemplate, templatesOf, type TemplateChoice } from "../encoding/template-choice.ts";
import { JsonlWriter, STDIO_PATH } from "../io/jsonl.ts";
import { RecordSource, type RawRecord, type SourceWarning } from "../io/record-source.ts";
import { INTERRUPT_EXIT_CODES, watchInterrupts, type InterruptSignal } from "../pipeline/interrupt.ts";
import { InlineProcessor, type RecordProcessor } from "../pipeline/processor.ts";
import { Progress } from "../pipeline/progress.ts";
import { RecordSink } from "../pipeline/record-sink.ts";
import { runRecords } from "../pipeline/run-records.ts";
import { prepareSummary } from "../pipeline/summary.ts";
import { RunTally } from "../pipeline/tally.ts";
import { WorkerPool } from "../pipeline/worker-pool.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import type { PrepareConfig } from "./prepare-config.ts";

export interface PrepareResult {
  rejected: number;
  /** Set when a signal stopped the run. */
  interruptExitCode?: number;
}

/** Reads, encodes and writes every record of the input, reporting on stderr as it goes and when done. */
export async function runPrepare(config: PrepareConfig, tokenizer: LoadedTokenizer, io: CliIo): Promise<PrepareResult> {
  const choice = await chooseTemplate(config.template, tokenizer);
  io.stderr.write(`using ${choice.description}\n`);
  const endOfTurnNote = checkEndOfTurn(config, choice, tokenizer);
  if (endOfTurnNote) io.stderr.write(`${endOfTurnNote}\n`);

  const source = await RecordSource.open(config.inputPath, io.stdin);
  const output = await JsonlWriter.open(config.outputPath, io.stdout);
  const rejects = config.rejectsPath === undefined ? undefined : await JsonlWriter.open(config.rejectsPath, io.stdout);
  let interruptedBy: InterruptSignal | undefined;
  const stopWatching = watchInterrupts((signal) => {
    interruptedBy = signal;
    source.stop();
  });
  const tally = new RunTally();
  let progress: Progress | undefined;
  let processor: RecordProcessor | undefined;
  let finished = false;
  try {
    processor = await startProcessor(config, tokenizer, choice);
    // The clock starts once the workers are up: records/s and the ETA are about records, not start-up.
    progress = new Progress(io.stderr, tally, source, { intervalSeconds: config.progressIntervalSeconds });
    const shown = progress;
    const sink = new RecordSink(output, rejects, tally, (line) => shown.log(line), { emptyMasks: config.dropEmpty ? "drop" : "keep", rejectKinds: true });
    const deliveries = {
      record: async (record: RawRecord, outcome: Outcome) => {
        await sink.accept(record, outcome);
        shown.tick();
      },
      warning: ({ number, warning }: SourceWarning) => shown.log(`line ${number}: warning: ${warning}`),
    };
    await runRecords(source.items(config.inputFormat), processor, deliveries, config.shard);
    finished = true;
  } finally {
    stopWatching();
    progress?.finish();
    await processor?.close();
    // On a failure the lines written so far still reach the file whole; the failure is what gets reported.
    if (!finished) await Promise.all([output.close(), rejects?.close()].map((closing) => closing?.catch(() => undefined)));
  }
  await output.close();
  await rejects?.close();
  if (tally.records === 0 && interruptedBy === undefined) {
    io.stderr.write(`warning: ${config.shard ? "this shard of the input holds" : "the input holds"} no records\n`);
  }
  const summary = prepareSummary(tally, {
    templateDescription: choice.description,
    output: config.outputPath === STDIO_PATH ? "stdout" : config.outputPath,
    seconds: progress?.elapsedSeconds() ?? 0,
    ...(config.encoding.maxLength !== undefined ? { maxLength: config.encoding.maxLength } : {}),
    ...(interruptedBy ? { interruptedBy } : {}),
  });
  io.stderr.write(`${summary}\n`);
  return { rejected: tally.rejected, ...(interruptedBy ? { interruptExitCode: INTERRUPT_EXIT_CODES[interruptedBy] } : {}) };
}

async function startProcessor(config: PrepareConfig, tokenizer: LoadedTokenizer, choice: TemplateChoice): Promise<RecordProcessor> {
  if (config.workers === 1) return new InlineProcessor(new RecordEncoder(tokenizer, choice, config.shape, config.encoding));
  return WorkerPool.start(config.workers, { tokenizerDir: tokenizer.dir, choice, shape: config.shape, options: config.encoding });
}

/**
 * `--train-on-eos last|none` cannot work without knowing the end-of-turn token: refused before any record is read.
 * When the token matters, says which one is used.
 */
function checkEndOfTurn(config: PrepareConfig, choice: TemplateChoice, tokenizer: LoadedTokenizer): string | undefined {
  const { endOfTurnTraining, roles } = config.encoding;
  const matters = endOfTurnTraining !== "turn" || roles.some((role) => role !== "assistant");
  if (!matters) return undefined;
  const found = templatesOf(choice).map((template) => endOfTurnFor(template, tokenizer.config));
  const missing = found.some((endOfTurn) => endOfTurn === undefined);
  if (missing && endOfTurnTraining !== "turn") {
    throw new CliError(
      "NO_END_OF_TURN",
      `--train-on-eos ${endOfTurnTraining} needs the end-of-turn token, but ${choice.description} is not a known training template and ` +
        `the tokenizer has no eos_token`,
    );
  }
  const known = [...new Set(found.flatMap((endOfTurn) => (endOfTurn ? [`${endOfTurn.token} (from ${endOfTurn.source})`] : [])))];
  return known.length > 0 ? `end-of-turn token: ${known.join(", ")}` : undefined;
}
