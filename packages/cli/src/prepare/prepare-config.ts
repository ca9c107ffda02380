import { defaultWorkers } from "./default-workers.ts";
import type { Truncation } from "@training-templates/core";
import { requireOption } from "../args.ts";
import { CliError } from "../cli-error.ts";
import type { EncodeOptions } from "../encoding/encode-record.ts";
import { DATASET_FORMATS, type DatasetFormat } from "../io/dataset-source.ts";
import { parseShard, type Shard } from "../pipeline/shard.ts";
import { readContentBlocksPolicy } from "../records/content-blocks-option.ts";
import { parseRoleAliases, strictShape, type RecordShape } from "../records/record-shape.ts";
import type { EndOfTurnTraining } from "@training-templates/core";
import { OUTPUT_FORMATS, type OutputFormat } from "./output-target.ts";

/** `prepare`'s flags as parsed by `parseOptions` (strings and booleans). */
export interface PrepareFlags {
  input?: string | undefined;
  output?: string | undefined;
  "input-format": string;
  "output-format": string;
  "rows-per-shard": string;
  "keep-columns"?: string | undefined;
  template: string;
  "messages-field": string;
  "role-field": string;
  "content-field": string;
  "documents-field": string;
  "role-alias"?: string | undefined;
  "content-blocks": string;
  roles: string;
  "train-on-eos": string;
  "last-turn-only": boolean;
  "max-length"?: string | undefined;
  truncation: string;
  "no-labels": boolean;
  "include-text": boolean;
  "drop-empty": boolean;
  rejects?: string | undefined;
  workers: string;
  shard?: string | undefined;
  "progress-interval": string;
}

/** Everything a `prepare` run does, checked before any file is opened. */
export interface PrepareConfig {
  inputPath: string;
  outputPath: string;
  rejectsPath?: string;
  inputFormat: DatasetFormat;
  outputFormat: OutputFormat;
  rowsPerShard: number;
  template: string;
  shape: RecordShape;
  encoding: EncodeOptions;
  dropEmpty: boolean;
  workers: number;
  shard?: Shard;
  progressIntervalSeconds: number;
}

/** The columns `prepare` writes itself. */
const OWN_COLUMNS = ["input_ids", "attention_mask", "assistant_masks", "labels", "text"];
const EOT_RULES: readonly EndOfTurnTraining[] = ["turn", "last", "none"];
const TRUNCATIONS: readonly Truncation[] = ["right", "left"];
/** More threads than this only add memory: records are handed out one at a time by a single reader. */
const MAX_WORKERS = 64;

export function readPrepareConfig(flags: PrepareFlags, usage: string): PrepareConfig {
  const roles = flags.roles.split(",").map((role) => role.trim());
  if (roles.some((role) => role === "")) throw new CliError("USAGE", `--roles takes role names separated by commas, got "${flags.roles}"`, { usage });
  const maxLength = flags["max-length"] === undefined ? undefined : positiveInteger(flags["max-length"], "--max-length", usage);
  const shard = parseShard(flags.shard, usage);
  const keepColumns = flags["keep-columns"] === undefined ? [] : flags["keep-columns"].split(",").map((name) => name.trim());
  if (keepColumns.some((name) => name === "")) throw new CliError("USAGE", `--keep-columns takes column names separated by commas, got "${flags["keep-columns"]}"`, { usage });
  const clash = keepColumns.find((name) => OWN_COLUMNS.includes(name));
  if (clash) throw new CliError("USAGE", `--keep-columns ${clash}: the output already has a "${clash}" column`, { usage });
  return {
    inputPath: requireOption(flags.input, "--input", usage),
    outputPath: requireOption(flags.output, "--output", usage),
    ...(flags.rejects !== undefined ? { rejectsPath: flags.rejects } : {}),
    inputFormat: oneOf(flags["input-format"], DATASET_FORMATS, "--input-format", usage),
    outputFormat: oneOf(flags["output-format"], OUTPUT_FORMATS, "--output-format", usage),
    rowsPerShard: positiveInteger(flags["rows-per-shard"], "--rows-per-shard", usage),
    template: flags.template,
    shape: strictShape(
      { messagesField: flags["messages-field"], roleField: flags["role-field"], contentField: flags["content-field"], documentsField: flags["documents-field"] },
      parseRoleAliases(flags["role-alias"], usage),
      roles,
    ),
    encoding: {
      roles,
      endOfTurnTraining: oneOf(flags["train-on-eos"], EOT_RULES, "--train-on-eos", usage),
      lastTurnOnly: flags["last-turn-only"],
      ...(maxLength !== undefined ? { maxLength } : {}),
      truncation: oneOf(flags.truncation, TRUNCATIONS, "--truncation", usage),
      labels: !flags["no-labels"],
      includeText: flags["include-text"],
      contentBlocks: readContentBlocksPolicy(flags["content-blocks"], usage),
      ...(keepColumns.length > 0 ? { keepColumns } : {}),
    },
    dropEmpty: flags["drop-empty"],
    workers: workersOf(flags.workers, usage),
    ...(shard ? { shard } : {}),
    progressIntervalSeconds: nonNegativeNumber(flags["progress-interval"], "--progress-interval", usage),
  };
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string, usage: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new CliError("USAGE", `${flag} takes ${allowed.join(", ")}; got "${value}"`, { usage });
}

/** `--workers auto` (the default) or a count. */
function workersOf(value: string, usage: string): number {
  if (value === "auto") return defaultWorkers();
  if (!/^\d+$/.test(value.trim())) throw new CliError("USAGE", `--workers takes auto or a whole number of at least 1, got "${value}"`, { usage });
  return Math.min(positiveInteger(value, "--workers", usage), MAX_WORKERS);
}

function positiveInteger(value: string, flag: string, usage: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new CliError("USAGE", `${flag} takes a whole number of at least 1, got "${value}"`, { usage });
  return n;
}

function nonNegativeNumber(value: string, flag: string, usage: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) throw new CliError("USAGE", `${flag} takes a number of seconds (0: no progress lines), got "${value}"`, { usage });
  return n;
}
