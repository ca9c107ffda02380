import { CliError } from "../cli-error.ts";
import type { CliIo } from "../command.ts";
import { RecordEncoder, type Outcome } from "../encoding/encode-record.ts";
import { endOfTurnFor } from "../encoding/end-of-turn.ts";
import { chooseTemplate, templatesOf, type TemplateChoice } from "../encoding/template-choice.ts";
import { mkdir } from "node:fs/promises";
import type { HubSettings } from "../hub/hub-settings.ts";
import { DatasetSource } from "../io/dataset-source.ts";
import { JsonlWriter, STDIO_PATH } from "../io/jsonl.ts";
import { ParquetShardWriter, type ShardFile } from "../io/parquet-shards.ts";
import { recordLabel, type RawRecord, type SourceWarning } from "../io/record-source.ts";
import { INTERRUPT_EXIT_CODES, watchInterrupts, type InterruptSignal } from "../pipeline/interrupt.ts";
import { InlineProcessor, type RecordProcessor } from "../pipeline/processor.ts";
import { Progress } from "../pipeline/progress.ts";
import { RecordSink, type RowOutput } from "../pipeline/record-sink.ts";
import { runRecords } from "../pipeline/run-records.ts";
import { prepareSummary } from "../pipeline/summary.ts";
import { RunTally } from "../pipeline/tally.ts";
import { WorkerPool } from "../pipeline/worker-pool.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import { resolveOutputTarget, type OutputTarget } from "./output-target.ts";
import { refuseReadingOwnShards } from "./own-shards.ts";
import type { PrepareConfig } from "./prepare-config.ts";
import { writeSummaryFile } from "./summary-file.ts";

export interface PrepareResult {
  rejected: number;
  /** Set when a signal stopped the run. */
  interruptExitCode?: number;
}

/** Reads, encodes and writes every record of the input, reporting on stderr as it goes and when done. */
export async function runPrepare(config: PrepareConfig, tokenizer: LoadedTokenizer, io: CliIo, hub: HubSettings): Promise<PrepareResult> {
  const startedAt = new Date();
  const choice = await chooseTemplate(config.template, tokenizer);
  io.stderr.write(`using ${choice.description}\n`);
  const endOfTurnNote = checkEndOfTurn(config, choice, tokenizer);
  if (endOfTurnNote) io.stderr.write(`${endOfTurnNote}\n`);

  const target = await resolveOutputTarget(config.outputPath, config.outputFormat, config.shard);
  const source = await DatasetSource.open(config.inputPath, io.stdin, { format: config.inputFormat, parquetColumns: parquetColumns(config), hub, shard: config.shard });
  if (target.format === "parquet") refuseReadingOwnShards(source.files, target);
  const output = await openOutput(target, config, io);
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
    // Parquet takes the row as an object: no JSON text made in a worker only to be parsed again here.
    const encoding = target.format === "parquet" ? { ...config.encoding, rowFormat: "columns" as const } : config.encoding;
    processor = await startProcessor({ ...config, encoding }, tokenizer, choice);
    // The clock starts once the workers are up: records/s and the ETA are about records, not start-up.
    progress = new Progress(io.stderr, tally, source, { intervalSeconds: config.progressIntervalSeconds });
    const shown = progress;
    const sink = new RecordSink(output, rejects, tally, (line) => shown.log(line), { emptyMasks: config.dropEmpty ? "drop" : "keep" });
    const deliveries = {
      record: async (record: RawRecord, outcome: Outcome) => {
        await sink.accept(record, outcome);
        shown.tick();
      },
      warning: (warning: SourceWarning) => shown.log(`${recordLabel(warning)}: warning: ${warning.warning}`),
    };
    // The source reads only this shard's part of the input: every record it yields is this shard's.
    await runRecords(source.items(), processor, deliveries);
    finished = true;
  } finally {
    stopWatching();
    progress?.finish();
    await processor?.close();
    // On a failure the lines written so far still reach the file whole; the failure is what gets reported.
    if (!finished) await Promise.all([output.abandon(), rejects?.close()].map((closing) => closing?.catch(() => undefined)));
  }
  const written = await output.close(interruptedBy === undefined);
  await rejects?.close();
  if (tally.records === 0 && interruptedBy === undefined) {
    io.stderr.write(`warning: ${config.shard ? "this shard of the input holds" : "the input holds"} no records\n`);
  }
  const seconds = progress?.elapsedSeconds() ?? 0;
  if (target.summaryPath !== undefined) {
    await writeSummaryFile(target.summaryPath, {
      config,
      tokenizer,
      choice,
      tally,
      inputFiles: source.files,
      inputRead: { bytesRead: source.inputBytesRead, ...(source.parts ? { parts: source.parts } : {}) },
      output: { format: target.format, files: written },
      startedAt,
      seconds,
      ...(interruptedBy ? { interruptedBy } : {}),
      argv: process.argv.slice(2),
    });
  }
  const summary = prepareSummary(tally, {
    templateDescription: choice.description,
    output: describeOutput(target, written, interruptedBy !== undefined),
    seconds,
    ...(config.encoding.maxLength !== undefined ? { maxLength: config.encoding.maxLength } : {}),
    ...(interruptedBy ? { interruptedBy } : {}),
  });
  io.stderr.write(`${summary}\n`);
  return { rejected: tally.rejected, ...(interruptedBy ? { interruptExitCode: INTERRUPT_EXIT_CODES[interruptedBy] } : {}) };
}

/** The input columns a record is made of: the others (images, audio) are never read from Parquet. */
function parquetColumns(config: PrepareConfig): Set<string> {
  // `conversations` too, so that ShareGPT data read without the flags gets the hint that names them.
  return new Set([
    config.shape.messagesField,
    "conversations",
    "tools",
    config.shape.documentsField,
    "add_generation_prompt",
    "chat_template_kwargs",
    ...(config.encoding.keepColumns ?? []),
  ]);
}

/** The output behind one face: rows in, the files written out. */
interface PrepareOutput {
  writeRow: RowOutput["writeRow"];
  /** `complete` false (a stopped run): Parquet shards keep their `.partial` names. */
  close(complete: boolean): Promise<ShardFile[]>;
  abandon(): Promise<void>;
}

async function openOutput(target: OutputTarget, config: PrepareConfig, io: CliIo): Promise<PrepareOutput> {
  if (target.format === "jsonl") {
    const writer = await JsonlWriter.open(target.path, io.stdout);
    let rows = 0;
    return {
      writeRow: (encoded) => {
        rows++;
        return writer.writeRow(encoded);
      },
      close: async () => {
        await writer.close();
        return [{ path: target.path === STDIO_PATH ? "stdout" : target.path, rows }];
      },
      abandon: () => writer.close(),
    };
  }
  await mkdir(target.dir, { recursive: true }).catch(() => undefined);
  const idColumns = ["input_ids", "attention_mask", "assistant_masks", ...(config.encoding.labels ? ["labels"] : [])];
  const writer = await ParquetShardWriter.open(target, {
    rowsPerShard: config.rowsPerShard,
    idColumns,
    text: config.encoding.includeText,
    keptColumns: config.encoding.keepColumns ?? [],
    metadata: { "training_templates.command": JSON.stringify(["training-templates", ...process.argv.slice(2)]) },
  });
  return {
    writeRow: (encoded) => writer.writeRow(encoded),
    close: (complete) => (complete ? writer.close() : writer.closeIncomplete()),
    abandon: () => writer.abandon(),
  };
}

function describeOutput(target: OutputTarget, written: ShardFile[], stopped: boolean): string {
  if (target.format === "jsonl") return target.path === STDIO_PATH ? "stdout" : target.path;
  const files = written.length === 1 ? written[0]!.path : `${written.length} Parquet files, ${written[0]!.path} … ${written.at(-1)!.path}`;
  return stopped ? `${files} (left with .partial names: the run stopped before the end)` : files;
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
