/**
 * How N shards divide an input so that each reads about 1/N of its bytes, and shard 0's records, then shard 1's, …
 * are exactly the records of a run without shards, in the same order: every part is a contiguous stretch of the input.
 */

/** Where shard `k` of `count` begins in `total` bytes: the N parts [b(k), b(k+1)) tile [0, total). */
export function shardBoundary(total: number, count: number, k: number): number {
  return k >= count ? total : Math.floor((total * k) / count);
}

/**
 * Cuts units (files, row groups) of the given sizes into `count` contiguous runs of about equal bytes: shard k takes
 * units [cuts[k], cuts[k+1]). A unit goes to the shard its middle byte falls in, except that with at least `count`
 * units every shard gets one (a run of one large file and many small ones would otherwise leave shards idle).
 */
export function partitionUnits(sizes: readonly number[], count: number): number[] {
  const total = sizes.reduce((sum, size) => sum + size, 0);
  const units = sizes.length;
  const enough = units >= count;
  const cuts = [0];
  let unit = 0;
  let before = 0;
  for (let k = 1; k < count; k++) {
    const boundary = (total * k) / count;
    while (unit < units && before + sizes[unit]! / 2 < boundary) before += sizes[unit++]!;
    const low = cuts[k - 1]! + (enough ? 1 : 0);
    const high = enough ? units - (count - k) : units;
    cuts.push(Math.min(Math.max(unit, low), high));
  }
  cuts.push(units);
  return cuts;
}

/** The shard whose part holds the middle byte of a unit that cannot be split (a JSON array file, a Parquet file). */
export function ownerOfUnit(start: number, size: number, total: number, count: number): number {
  if (total === 0) return 0;
  return Math.min(count - 1, Math.floor(((start + size / 2) * count) / total));
}

/** The part of a file at `start` (of `size` bytes) that falls in [from, to), in the file's own offsets. */
export function localRange(start: number, size: number, from: number, to: number): { start: number; end: number } {
  const clamp = (offset: number) => Math.min(size, Math.max(0, offset - start));
  return { start: clamp(from), end: clamp(to) };
}
