import { CliError } from "../cli-error.ts";

/**
 * `--shard I/N`: this run reads and takes the I-th of N contiguous parts of the input files, each about 1/N of their
 * bytes (`io/shard-reads.ts`); from stdin, which cannot be divided unread, the records whose 0-based index i
 * (counting records, not lines) has i % N === I.
 */
export interface Shard {
  index: number;
  count: number;
}

/** Set by Kubernetes on each pod of an Indexed Job: 0 … completions-1. */
export const JOB_INDEX_VARIABLE = "JOB_COMPLETION_INDEX";

/** `I/N`, or `auto/N` taking I from `JOB_COMPLETION_INDEX` so one Job manifest serves every pod. */
export function parseShard(text: string | undefined, usage: string, env: NodeJS.ProcessEnv = process.env): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+|auto)\/(\d+)$/.exec(text.trim());
  if (match?.[1] === "auto") return autoShard(Number(match[2]), text, usage, env);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new CliError("USAGE", `--shard takes I/N with 0 <= I < N (e.g. 0/4 … 3/4 for four machines) or auto/N, got "${text}"`, { usage });
  }
  return { index, count };
}

function autoShard(count: number, text: string, usage: string, env: NodeJS.ProcessEnv): Shard {
  const value = env[JOB_INDEX_VARIABLE];
  if (value === undefined || value.trim() === "") {
    throw new CliError("USAGE", `--shard ${text} takes I from ${JOB_INDEX_VARIABLE} (set on the pods of a Kubernetes Indexed Job), which is not set`, { usage });
  }
  const index = Number(value);
  if (!/^\d+$/.test(value.trim()) || count < 1 || index >= count) {
    throw new CliError("USAGE", `--shard ${text}: ${JOB_INDEX_VARIABLE} is "${value}", not a whole number from 0 to ${count - 1} (the Job's completions must be ${count})`, { usage });
  }
  return { index, count };
}

/** Whether record `recordIndex` of stdin is this shard's. */
export function inShard(shard: Shard | undefined, recordIndex: number): boolean {
  return shard === undefined || recordIndex % shard.count === shard.index;
}
