import { createWriteStream } from "node:fs";
import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join, posix } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { CliError } from "../cli-error.ts";
import { hasWildcard, isParquetPath, wildcardMatcher, type InputFile } from "../io/input-files.ts";
import { describeNetworkError, withTimeout } from "./download-tokenizer.ts";
import type { HubDatasetRef } from "./hub-dataset.ts";
import type { HubSettings } from "./hub-settings.ts";

/** Which version of each file the cache holds (the Hub's object id), so unchanged files are not fetched again. */
const MANIFEST = ".hub-files.json";
/** Every Parquet file a listing named and its size, fetched or not: a shard's part offline is cut from this. */
const LISTING = ".hub-listing.json";
const DOWNLOAD_TIMEOUT_MS = 60 * 60_000;

interface RemoteFile {
  path: string;
  oid: string;
  size: number;
}

/**
 * The Parquet files of a Hub dataset (all of them, those under a folder, one file, or those matching a wildcard),
 * streamed into the cache and returned as local files in name order. The listing is the first request, with a short
 * timeout, so a machine without network fails at once; `HF_HUB_OFFLINE=1` uses what an earlier run cached.
 * `wanted` picks, from the whole listing, the files to fetch (a shard's own); the others are listed but not fetched.
 */
export async function downloadDataset(
  ref: HubDatasetRef,
  uri: string,
  settings: HubSettings & { fetch?: typeof fetch },
  wanted?: (files: InputFile[]) => InputFile[] | undefined,
): Promise<InputFile[]> {
  const dir = join(settings.cacheDir, "datasets", ref.repo.replace("/", "--"), ref.revision.replace(/[^\w.-]/g, "_"));
  const cached = await readManifest(dir);
  const { folder, matches } = splitPath(ref.path);
  const fromCache = async (why: string) => (wanted && (await listedFiles(dir, matches, wanted, why, settings))) || cachedFiles(uri, dir, cached, matches, why, settings);
  if (settings.offline) return fromCache("HF_HUB_OFFLINE is set");
  const hub = await import("@huggingface/hub");
  const fetchOnce = settings.fetch ?? fetch;
  const credentials = settings.accessToken ? { accessToken: settings.accessToken } : {};
  const repo = { type: "dataset" as const, name: ref.repo };
  let remote: RemoteFile[];
  try {
    remote = [];
    // listFiles puts the revision into the URL as it is: a branch like refs/convert/parquet must be escaped here.
    const listing = hub.listFiles({ repo, revision: encodeURIComponent(ref.revision), ...(folder ? { path: folder } : {}), recursive: true, hubUrl: settings.hubUrl, fetch: withTimeout(fetchOnce, settings.connectTimeoutMs), ...credentials });
    for await (const entry of listing) {
      if (entry.type !== "file" || !isParquetPath(entry.path) || !matches(entry.path)) continue;
      remote.push({ path: entry.path, oid: entry.lfs?.oid ?? entry.xetHash ?? entry.oid ?? "", size: entry.size });
    }
  } catch (error) {
    if (error instanceof hub.HubApiError) throw refusal(uri, error.statusCode, error.message);
    return fromCache(`cannot reach the Hugging Face Hub at ${settings.hubUrl} (${describeNetworkError(error)})`);
  }
  remote.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (remote.length === 0) throw new CliError("INPUT", `${uri} holds no .parquet file (revision ${ref.revision}); datasets kept in other formats have Parquet under @refs%2Fconvert%2Fparquet`);
  await mkdir(dir, { recursive: true });
  const listed = remote.map((file) => ({ path: join(dir, file.path), bytes: file.size }));
  await writeJson(dir, LISTING, { ...(await readJson(dir, LISTING)), ...Object.fromEntries(remote.map((file) => [file.path, file.size])) });
  const fetched = wanted?.(listed);
  const toFetch = fetched ? new Set(fetched.map((file) => file.path)) : undefined;
  const manifest: Record<string, string> = { ...cached };
  for (const file of remote) {
    const local = join(dir, file.path);
    if (toFetch && !toFetch.has(local)) continue;
    if (cached?.[file.path] === file.oid && (await sizeOf(local)) === file.size) continue;
    settings.log(`downloading ${ref.repo}/${file.path} (${(file.size / 2 ** 20).toFixed(1)} MiB)`);
    try {
      const blob = await hub.downloadFile({ repo, path: file.path, revision: ref.revision, hubUrl: settings.hubUrl, fetch: withTimeout(fetchOnce, DOWNLOAD_TIMEOUT_MS), ...credentials });
      if (blob === null) throw new Error("the Hub no longer has it");
      await streamToFile(blob, local);
    } catch (error) {
      if (error instanceof hub.HubApiError) throw refusal(uri, error.statusCode, error.message);
      throw new CliError("HUB", `downloading ${ref.repo}/${file.path} failed: ${describeNetworkError(error)}. Pass local Parquet files with --input instead.`, { cause: error });
    }
    manifest[file.path] = file.oid;
    await writeManifest(dir, manifest);
  }
  return listed;
}

/**
 * What to list and keep: `data/train-*.parquet` → list `data`, keep the matches; a file → list its folder, keep it;
 * `data` → everything under `data`. The same test picks files from the cache when the Hub cannot be asked.
 */
function splitPath(path: string): { folder: string; matches: (path: string) => boolean } {
  if (path === "") return { folder: "", matches: () => true };
  if (hasWildcard(path) || isParquetPath(path)) {
    const folder = posix.dirname(path);
    const test = wildcardMatcher(posix.basename(path));
    return { folder: folder === "." ? "" : folder, matches: (candidate) => posix.dirname(candidate) === folder && test(posix.basename(candidate)) };
  }
  return { folder: path, matches: (candidate) => candidate.startsWith(`${path}/`) };
}

/**
 * Without the Hub, for a shard: the files the last listing named (a shard caches only its own, so the cache alone
 * would cut the input differently on each pod), once this shard's own are found in the cache.
 */
async function listedFiles(
  dir: string,
  matches: (path: string) => boolean,
  wanted: (files: InputFile[]) => InputFile[] | undefined,
  why: string,
  settings: HubSettings,
): Promise<InputFile[] | undefined> {
  const listing = (await readJson(dir, LISTING)) as Record<string, number> | undefined;
  if (!listing) return undefined;
  const files = Object.keys(listing).filter(matches).sort().map((path) => ({ path: join(dir, path), bytes: listing[path]! }));
  if (files.length === 0) return undefined;
  for (const file of wanted(files) ?? files) {
    if ((await sizeOf(file.path)) !== file.bytes) return undefined;
  }
  settings.log(`${why}: using this shard's files among the ${files.length} Parquet file(s) last listed, cached in ${dir}`);
  return files;
}

/** Without the Hub: the files an earlier run cached that the path asks for. */
async function cachedFiles(
  uri: string,
  dir: string,
  cached: Record<string, string> | undefined,
  matches: (path: string) => boolean,
  why: string,
  settings: HubSettings,
): Promise<InputFile[]> {
  const files: InputFile[] = [];
  for (const path of Object.keys(cached ?? {}).filter(matches).sort()) {
    const bytes = await sizeOf(join(dir, path));
    if (bytes !== undefined) files.push({ path: join(dir, path), bytes });
  }
  if (files.length > 0) {
    settings.log(`${why}: using the ${files.length} Parquet file(s) of ${uri} cached in ${dir}`);
    return files;
  }
  throw new CliError(
    "HUB_UNREACHABLE",
    `${why}, and ${uri} is not in the cache (${settings.cacheDir}). Without network, pass local files instead: ` +
      `--input data/ (a folder of .parquet or .jsonl shards), --input "data/train-*.parquet" or --input train.jsonl.`,
  );
}

function refusal(uri: string, status: number, detail: string): CliError {
  if (status === 401 || status === 403) {
    return new CliError("HUB", `the Hub refused access to ${uri} (HTTP ${status}): a gated or private dataset needs HF_TOKEN set to a token that may read it, or pass local files`);
  }
  if (status === 404) return new CliError("HUB", `${uri}: no such dataset, revision or path on the Hub (HTTP 404)`);
  return new CliError("HUB", `the Hub answered HTTP ${status} for ${uri}: ${detail}`);
}

/** Streams a (possibly large) file to disk under a temporary name: a reader of the cache never sees half a file. */
async function streamToFile(blob: Blob, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial-${process.pid}`;
  try {
    await pipeline(Readable.fromWeb(blob.stream() as WebReadableStream<Uint8Array>), createWriteStream(partial));
    await rename(partial, path);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function readManifest(dir: string): Promise<Record<string, string> | undefined> {
  return (await readJson(dir, MANIFEST)) as Record<string, string> | undefined;
}

async function readJson(dir: string, name: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, name), "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function writeJson(dir: string, name: string, value: Record<string, unknown>): Promise<void> {
  const partial = join(dir, `${name}.partial-${process.pid}`);
  await writeFile(partial, JSON.stringify(value, null, 2));
  await rename(partial, join(dir, name));
}

async function writeManifest(dir: string, manifest: Record<string, string>): Promise<void> {
  const partial = join(dir, `${MANIFEST}.partial-${process.pid}`);
  await writeFile(partial, JSON.stringify(manifest, null, 2));
  await rename(partial, join(dir, MANIFEST));
}

async function sizeOf(path: string): Promise<number | undefined> {
  return stat(path).then((s) => (s.isFile() ? s.size : undefined), () => undefined);
}
