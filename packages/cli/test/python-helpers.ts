import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { referencePython, runPythonScript } from "@training-templates/testkit/python";
import { runCli } from "./helpers.ts";
import { readRows, type PreparedRow } from "./prepare-helpers.ts";

const SCRIPTS_DIR = fileURLToPath(new URL("./python/", import.meta.url));

/**
 * Runs one of `test/python/*.py` with the reference venv (datasets, TRL, CPU torch): one JSON document in, one out.
 * A venv that cannot be set up, or lacks a module, fails the test with the reason; nothing is skipped.
 */
export async function runTestPython<T>(script: string, request: Record<string, unknown>): Promise<T> {
  const python = await referencePython({ withTrl: true });
  return (await runPythonScript(python, join(SCRIPTS_DIR, script), request, {
    missingPython: "The test setup exports TRAINING_TEMPLATES_PYTHON_REFERENCE; run the tests with vitest from the repository root.",
    missingModule:
      "TRAINING_TEMPLATES_PYTHON_REFERENCE must be the venv of `python-reference.sh DIR --with-trl` (datasets, TRL, torch).",
  })) as T;
}

export interface PreparedOutputs {
  /** The rows of `prepare --output train.jsonl`. */
  jsonlRows: PreparedRow[];
  /** The folder `prepare --output parquet/` wrote its shards into. */
  parquetDir: string;
  /** Its shard files' names, sorted. */
  shardNames: string[];
  /** What `load_dataset("parquet", data_files=…)` is given: every shard, as a wildcard. */
  dataFiles: string;
}

/** `prepare` twice on one input with the same options: to JSON Lines, and to Parquet shards of `rowsPerShard` rows. */
export async function prepareJsonlAndParquet(cwd: string, tokenizerDir: string, input: string, rowsPerShard: number): Promise<PreparedOutputs> {
  const parquetDir = join(cwd, "parquet");
  const runs = await Promise.all([
    runCli(["prepare", "--tokenizer", tokenizerDir, "--input", input, "--output", "train.jsonl"], { cwd }),
    runCli(["prepare", "--tokenizer", tokenizerDir, "--input", input, "--output", `${parquetDir}/`, "--rows-per-shard", String(rowsPerShard)], { cwd }),
  ]);
  for (const run of runs) if (run.code !== 0) throw new Error(`prepare exited with ${String(run.code)}:\n${run.stderr}`);
  const shardNames = (await readdir(parquetDir)).filter((name) => name.endsWith(".parquet")).sort();
  return { jsonlRows: await readRows(join(cwd, "train.jsonl")), parquetDir, shardNames, dataFiles: join(parquetDir, "*.parquet") };
}
