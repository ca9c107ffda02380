import { readdir, stat } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { CliError } from "../cli-error.ts";

/** The extensions a folder of shards is read for: datasets keep other files (README.md, .gitattributes) beside them. */
const DATA_EXTENSIONS = [".parquet", ".jsonl", ".json"];

/** One file of the input and its size (for progress). */
export interface InputFile {
  path: string;
  bytes: number;
}

export function isParquetPath(path: string): boolean {
  return extname(path).toLowerCase() === ".parquet";
}

/** Whether `pattern` has a wildcard: `*` (any run of characters but `/`) or `?` (one). */
export function hasWildcard(pattern: string): boolean {
  return /[*?]/.test(pattern);
}

/** A file-name wildcard as a test; only the last part of a path may have one (`data/train-*.parquet`). */
export function wildcardMatcher(pattern: string): (name: string) => boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  const regex = new RegExp(`^${source}$`);
  return (name) => regex.test(name);
}

/**
 * The files `--input` names, in name order (shards keep their order): one file, every data file of a folder
 * (`.parquet`, `.jsonl`, `.json`, Parquet alone when there is any), or the files matching a wildcard in the last part
 * of the path (quoted, so the shell leaves it alone).
 */
export async function resolveInputFiles(spec: string): Promise<InputFile[]> {
  if (hasWildcard(spec)) {
    const folder = dirname(spec);
    if (hasWildcard(folder)) throw new CliError("INPUT", `--input ${spec}: only the file name may have * or ? (e.g. data/train-*.parquet)`);
    const matches = wildcardMatcher(basename(spec));
    const names = (await listFolder(folder, spec)).filter(matches);
    const files = await filesIn(folder, names);
    if (files.length === 0) throw new CliError("INPUT", `--input ${spec} matches no file`);
    return files;
  }
  const info = await stat(spec).catch((error: NodeJS.ErrnoException) => {
    throw new CliError("INPUT", `cannot read ${spec}: ${error.code === "ENOENT" ? "no such file or folder" : error.message}`, { cause: error });
  });
  if (info.isFile()) return [{ path: spec, bytes: info.size }];
  if (!info.isDirectory()) throw new CliError("INPUT", `cannot read ${spec}: not a file or a folder`);
  const names = (await listFolder(spec, spec)).filter((name) => DATA_EXTENSIONS.includes(extname(name).toLowerCase()));
  // A dataset folder may hold a JSON beside its shards (dataset_info.json): Parquet shards are the data when present.
  const parquet = names.filter(isParquetPath);
  const files = await filesIn(spec, parquet.length > 0 ? parquet : names);
  if (files.length === 0) throw new CliError("INPUT", `the folder ${spec} holds no .parquet, .jsonl or .json file`);
  return files;
}

async function listFolder(folder: string, spec: string): Promise<string[]> {
  try {
    return (await readdir(folder)).sort();
  } catch (error) {
    throw new CliError("INPUT", `cannot read ${spec}: ${(error as Error).message}`, { cause: error });
  }
}

async function filesIn(folder: string, names: string[]): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const name of names) {
    const path = join(folder, name);
    const info = await stat(path);
    if (info.isFile()) files.push({ path, bytes: info.size });
  }
  return files;
}
