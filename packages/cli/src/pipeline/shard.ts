import { CliError } from "../cli-error.ts";

/** `--shard I/N`: this run takes the records whose 0-based index i (counting records, not lines) has i % N === I. */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string | undefined, usage: string): Shard | undefined {
  if (text === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index >= count) {
    throw new CliError("USAGE", `--shard takes I/N with 0 <= I < N (e.g. 0/4 … 3/4 for four machines), got "${text}"`, { usage });
  }
  return { index, count };
}

export function inShard(shard: Shard | undefined, recordIndex: number): boolean {
  return shard === undefined || recordIndex % shard.count === shard.index;
}
