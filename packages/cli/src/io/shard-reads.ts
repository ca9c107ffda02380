import { open } from "node:fs/promises";
import { StringDecoder } from "node:string_decoder";
import { CliError, messageOf } from "../cli-error.ts";
import type { Shard } from "../pipeline/shard.ts";
import type { ByteCounter } from "./byte-counter.ts";
import type { InputFile } from "./input-files.ts";
import type { LineRange } from "./jsonl-range.ts";
import { openParquet, rowGroupBytes, type ParquetInput } from "./parquet-records.ts";
import { localRange, ownerOfUnit, partitionUnits, shardBoundary } from "./shard-plan.ts";

/** One stretch of the input a run reads, in input order; `bytes` is its share of the input, for progress. */
export type InputRead =
  | { kind: "parquet"; file: InputFile; bytes: number; opened?: ParquetInput; groups?: readonly [number, number] }
  | { kind: "text"; file: InputFile; bytes: number }
  | { kind: "lines"; file: InputFile; bytes: number; range: LineRange };

/** How a shard's part is described in `summary.json`, so its rows can be traced back to the input. */
export function describeRead(read: InputRead): Record<string, unknown> {
  if (read.kind === "lines") return { path: read.file.path, bytes: [read.range.start, read.range.end] };
  if (read.kind === "parquet" && read.groups) return { path: read.file.path, rowGroups: [...read.groups] };
  return { path: read.file.path };
}

/** Every file whole: a run without shards. */
export function wholeReads(files: InputFile[], isParquet: (file: InputFile) => boolean): InputRead[] {
  return files.map((file) => ({ kind: isParquet(file) ? "parquet" : "text", file, bytes: file.bytes }));
}

/**
 * What shard I of N reads, so that it reads about 1/N of the input and the shards' parts, in shard order, are the
 * input in order:
 * - Parquet only, at least N files: whole files, by their sizes alone (no footer of another shard's file is read);
 * - Parquet only, fewer files: row groups, from every file's footer (a few bytes each);
 * - otherwise the input's bytes, cut at N even boundaries: JSON Lines at line starts (a line belongs to the shard its
 *   first byte falls in), files that cannot be cut (a JSON array, a Parquet file beside text) whole, to the shard
 *   their middle byte falls in. `auto` looks at each text file's first character to tell a JSON array.
 */
export async function shardReads(
  files: InputFile[],
  shard: Shard,
  isParquet: (file: InputFile) => boolean,
  textFormat: "auto" | "jsonl" | "json",
  counter: ByteCounter,
): Promise<InputRead[]> {
  if (files.every(isParquet)) {
    const whole = ownWholeFiles(files, shard, isParquet);
    return whole ? whole.map((file) => ({ kind: "parquet", file, bytes: file.bytes })) : rowGroupReads(files, shard, counter);
  }
  const total = files.reduce((sum, file) => sum + file.bytes, 0);
  const from = shardBoundary(total, shard.count, shard.index);
  const to = shardBoundary(total, shard.count, shard.index + 1);
  const reads: InputRead[] = [];
  let start = 0;
  for (const file of files) {
    const atomic = isParquet(file) || textFormat === "json" || (textFormat === "auto" && (await startsJsonArray(file.path, counter)));
    if (atomic) {
      if (ownerOfUnit(start, file.bytes, total, shard.count) === shard.index) reads.push({ kind: isParquet(file) ? "parquet" : "text", file, bytes: file.bytes });
    } else {
      const range = localRange(start, file.bytes, from, to);
      if (range.start < range.end) reads.push({ kind: "lines", file, bytes: range.end - range.start, range });
    }
    start += file.bytes;
  }
  return reads;
}

/**
 * The files a shard reads whole when the input is at least N Parquet files, known from their sizes alone (so a shard
 * of a Hub dataset downloads only these); undefined when the shard's part is not whole Parquet files.
 */
export function ownWholeFiles(files: InputFile[], shard: Shard, isParquet: (file: InputFile) => boolean): InputFile[] | undefined {
  if (files.length < shard.count || !files.every(isParquet)) return undefined;
  const cuts = partitionUnits(files.map((file) => file.bytes), shard.count);
  return files.slice(cuts[shard.index], cuts[shard.index + 1]);
}

async function rowGroupReads(files: InputFile[], shard: Shard, counter: ByteCounter): Promise<InputRead[]> {
  const opened: ParquetInput[] = [];
  for (const file of files) opened.push(await openParquet(file.path, counter));
  const units = opened.flatMap((input, fileIndex) => input.metadata.row_groups.map((_, group) => ({ fileIndex, group, bytes: rowGroupBytes(input.metadata, group) })));
  const cuts = partitionUnits(units.map((unit) => unit.bytes), shard.count);
  const mine = units.slice(cuts[shard.index], cuts[shard.index + 1]);
  const reads: InputRead[] = [];
  for (const [fileIndex, input] of opened.entries()) {
    const groups = mine.filter((unit) => unit.fileIndex === fileIndex);
    if (groups.length === 0) continue;
    const bytes = groups.reduce((sum, unit) => sum + unit.bytes, 0);
    reads.push({ kind: "parquet", file: files[fileIndex]!, bytes, opened: input, groups: [groups[0]!.group, groups.at(-1)!.group + 1] });
  }
  return reads;
}

/** Whether a text file is one JSON array (its first character that is not whitespace is `[`), as `auto` decides. */
async function startsJsonArray(path: string, counter: ByteCounter): Promise<boolean> {
  const handle = await open(path, "r").catch((error: unknown) => {
    throw new CliError("INPUT", `cannot read ${path}: ${messageOf(error)}`, { cause: error });
  });
  try {
    const decoder = new StringDecoder("utf8");
    let head = "";
    for (let position = 0; ; ) {
      // Small reads: every shard looks at every text file, and the first character is nearly always at the start.
      const buffer = Buffer.alloc(16);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      counter.add(bytesRead);
      if (bytesRead === 0) return false;
      position += bytesRead;
      head += decoder.write(buffer.subarray(0, bytesRead));
      const first = /\S/.exec(head.replace(/^\uFEFF/, ""));
      if (first) return first[0] === "[";
    }
  } finally {
    await handle.close();
  }
}
