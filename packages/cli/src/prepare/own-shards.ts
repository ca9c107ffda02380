import { basename, dirname, resolve } from "node:path";
import { CliError } from "../cli-error.ts";
import type { InputFile } from "../io/input-files.ts";
import { isShardOf, type ParquetTarget } from "../io/parquet-shards.ts";

/** Writing shards removes older shards of the same name: were they the input, it would be gone before it is read. */
export function refuseReadingOwnShards(files: InputFile[], target: ParquetTarget): void {
  const dir = resolve(target.dir);
  const clash = files.find((file) => resolve(dirname(file.path)) === dir && isShardOf(target.stem, basename(file.path)));
  if (clash) throw new CliError("USAGE", `${clash.path} is also where the output shards go: write the output to another folder or name`);
}
