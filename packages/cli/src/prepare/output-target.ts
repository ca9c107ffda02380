import { stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { CliError } from "../cli-error.ts";
import { STDIO_PATH } from "../io/jsonl.ts";
import { fiveDigits, type ParquetTarget } from "../io/parquet-shards.ts";
import type { Shard } from "../pipeline/shard.ts";

export type OutputFormat = "auto" | "jsonl" | "parquet";
export const OUTPUT_FORMATS: readonly OutputFormat[] = ["auto", "jsonl", "parquet"];

/** The stem of the shards when `--output` names a folder: `out-00000-of-00004.parquet`. */
export const DEFAULT_STEM = "out";

/** Where `prepare` writes: one JSON Lines file (or stdout), or Parquet shards; and the run's `summary.json`. */
export type OutputTarget =
  | { format: "jsonl"; path: string; summaryPath: string | undefined }
  | ({ format: "parquet"; summaryPath: string } & ParquetTarget);

/**
 * `--output` and `--output-format`:
 * - `DIR/` (or an existing folder, or any path with `--output-format parquet` that does not end in `.parquet`):
 *   shards `DIR/out-00000-of-0000N.parquet`, summary `DIR/summary.json`;
 * - `PATH/NAME.parquet`: shards `PATH/NAME-00000-of-0000N.parquet`, summary `PATH/NAME.summary.json`;
 * - anything else: JSON Lines in that file, summary `NAME.summary.json` beside it (none for stdout).
 * With `--shard I/N` the stem gains `-shard-0000I-of-0000N`, so machines writing into one folder never collide.
 */
export async function resolveOutputTarget(output: string, format: OutputFormat, shard: Shard | undefined): Promise<OutputTarget> {
  if (output === STDIO_PATH) {
    if (format === "parquet") throw new CliError("USAGE", "Parquet cannot go to stdout: pass --output DIR/ or --output NAME.parquet");
    return { format: "jsonl", path: output, summaryPath: undefined };
  }
  const namesParquetFile = extname(output).toLowerCase() === ".parquet";
  const namesFolder = /[\\/]$/.test(output) || (await stat(output).then((info) => info.isDirectory(), () => false));
  const parquet = format === "parquet" || (format === "auto" && (namesParquetFile || namesFolder));
  if (!parquet) {
    if (namesFolder) throw new CliError("USAGE", `--output ${output} is a folder: JSON Lines go to a file (or pass --output-format parquet)`);
    return { format: "jsonl", path: output, summaryPath: join(dirname(output), `${basename(output, extname(output))}.summary.json`) };
  }
  const shardPart = shard ? `-shard-${fiveDigits(shard.index)}-of-${fiveDigits(shard.count)}` : "";
  if (namesParquetFile) {
    const stem = `${basename(output, extname(output))}${shardPart}`;
    return { format: "parquet", dir: dirname(output), stem, summaryPath: join(dirname(output), `${stem}.summary.json`) };
  }
  const summaryName = shard ? `summary${shardPart}.json` : "summary.json";
  return { format: "parquet", dir: output, stem: `${DEFAULT_STEM}${shardPart}`, summaryPath: join(output, summaryName) };
}
