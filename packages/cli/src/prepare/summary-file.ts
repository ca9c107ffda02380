import { createHash } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fingerprint } from "@training-templates/core";
import { CliError, messageOf } from "../cli-error.ts";
import { templatesOf, type TemplateChoice } from "../encoding/template-choice.ts";
import type { InputFile } from "../io/input-files.ts";
import type { RunTally } from "../pipeline/tally.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import { packageVersions } from "./package-versions.ts";
import type { PrepareConfig } from "./prepare-config.ts";

const TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "chat_template.jinja"];

export interface RunFacts {
  config: PrepareConfig;
  tokenizer: LoadedTokenizer;
  choice: TemplateChoice;
  tally: RunTally;
  inputFiles: InputFile[];
  /** The bytes read from the input, and with a shard the parts of the files it read. */
  inputRead: { bytesRead: number; parts?: Array<Record<string, unknown>> };
  output: { format: "jsonl" | "parquet"; files: Array<{ path: string; rows: number }> };
  startedAt: Date;
  seconds: number;
  interruptedBy?: string;
  /** The arguments after `training-templates`. */
  argv: string[];
}

/**
 * `summary.json`: what went in and out, why records were rejected, and everything the ids depend on (template and
 * its fingerprint, tokenizer file hashes, package versions, the command line), so a run can be audited and repeated.
 */
export async function writeSummaryFile(path: string, facts: RunFacts): Promise<void> {
  const { tally, config, choice } = facts;
  const summary = {
    complete: facts.interruptedBy === undefined,
    ...(facts.interruptedBy ? { interruptedBy: facts.interruptedBy } : {}),
    command: ["training-templates", ...facts.argv],
    startedAt: facts.startedAt.toISOString(),
    seconds: Math.round(facts.seconds * 1000) / 1000,
    input: {
      spec: config.inputPath,
      files: facts.inputFiles.map((file) => ({ path: file.path, bytes: file.bytes })),
      ...facts.inputRead,
    },
    output: facts.output,
    shard: config.shard ?? null,
    // What `--workers` came to (auto picks from the cores): a run on another machine may differ in it.
    workers: config.workers,
    records: {
      in: tally.records,
      out: tally.written,
      rejected: tally.rejected,
      rejectedByReason: Object.fromEntries([...tally.rejectedByKind].sort((a, b) => b[1] - a[1])),
      writtenWithNoTrainedToken: tally.emptyKept,
      truncated: tally.truncated,
      byStrategy: Object.fromEntries([...tally.writtenByStrategy].sort((a, b) => b[1] - a[1])),
    },
    tokens: { total: tally.tokens, trained: tally.trainedTokens },
    template: {
      id: choice.name,
      description: choice.description,
      strategy: strategiesOf(choice),
      fingerprints: templatesOf(choice).map((text) => fingerprint(text)),
    },
    tokenizer: { path: facts.tokenizer.dir, sha256: await fileHashes(facts.tokenizer.dir) },
    options: config.encoding,
    versions: await packageVersions(),
  };
  const partial = `${path}.partial-${process.pid}`;
  try {
    await writeFile(partial, `${JSON.stringify(summary, null, 2)}\n`);
    await rename(partial, path);
  } catch (error) {
    throw new CliError("OUTPUT", `cannot write ${path}: ${messageOf(error)}`, { cause: error });
  }
}

/** The strategy the run planned: one, or one per named template. */
function strategiesOf(choice: TemplateChoice): string | Record<string, string> {
  const { plans } = choice;
  return Array.isArray(plans) ? Object.fromEntries(plans.map(({ name, plan }) => [name, plan.strategy])) : plans.strategy;
}

async function fileHashes(dir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  for (const name of TOKENIZER_FILES) {
    const content = await readFile(join(dir, name)).catch(() => undefined);
    if (content) hashes[name] = createHash("sha256").update(content).digest("hex");
  }
  return hashes;
}
