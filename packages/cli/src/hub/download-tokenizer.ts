import { mkdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { CliError, messageOf } from "../cli-error.ts";

/** What a tokenizer folder needs; `chat_template.jinja` is optional (many models keep the template in the config). */
export const TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "chat_template.jinja"] as const;
const REQUIRED_FILE = "tokenizer.json";
/** Which version of each file the folder holds (the Hub's object id), so unchanged files are not fetched again. */
const MANIFEST = ".hub-files.json";

export interface HubDownloadOptions {
  cacheDir: string;
  /** The Hub's address (`HF_ENDPOINT`), default https://huggingface.co. */
  hubUrl: string;
  revision: string;
  /** For gated and private models (`HF_TOKEN`). */
  accessToken?: string;
  /** How long the first request may take before the network counts as absent. */
  connectTimeoutMs: number;
  /** Fail at once instead of asking the Hub (`HF_HUB_OFFLINE=1`); a complete cached copy is still used. */
  offline: boolean;
  /** Says what happens (downloads, cache use) on stderr. */
  log: (message: string) => void;
  fetch?: typeof fetch;
}

const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Makes a local tokenizer folder for the Hub model `repo`: asks the Hub which of the tokenizer files exist (one
 * request, with a short timeout, so a machine without network fails at once), downloads those that changed
 * into the cache, and returns the folder. Without network, a complete cached copy is used; without one, the
 * error says to pass a local folder.
 */
export async function downloadTokenizer(repo: string, options: HubDownloadOptions): Promise<string> {
  const dir = join(options.cacheDir, "hub", repo.replace("/", "--"), options.revision.replace(/[^\w.-]/g, "_"));
  const cached = await readManifest(dir);
  if (options.offline) return useCache(repo, dir, cached, "HF_HUB_OFFLINE is set", options);
  const hub = await import("@huggingface/hub");
  const fetchOnce = options.fetch ?? fetch;
  const credentials = options.accessToken ? { accessToken: options.accessToken } : {};
  let remote: Array<{ path: string; oid: string }>;
  try {
    const infos = await hub.pathsInfo({
      repo,
      paths: [...TOKENIZER_FILES],
      revision: options.revision,
      hubUrl: options.hubUrl,
      fetch: withTimeout(fetchOnce, options.connectTimeoutMs),
      ...credentials,
    });
    remote = infos.map((info) => ({ path: info.path, oid: info.lfs?.oid ?? info.xetHash ?? info.oid ?? "" }));
  } catch (error) {
    if (error instanceof hub.HubApiError) throw hubRefusal(repo, options, error.statusCode, error.message);
    return useCache(repo, dir, cached, `cannot reach the Hugging Face Hub at ${options.hubUrl} (${describeNetworkError(error)})`, options);
  }
  if (!remote.some((file) => file.path === REQUIRED_FILE)) {
    throw new CliError("HUB", `${repo} on the Hub has no ${REQUIRED_FILE} (revision ${options.revision}): pass a local folder with one instead`);
  }
  await mkdir(dir, { recursive: true });
  const manifest: Record<string, string> = {};
  for (const { path, oid } of remote) {
    if (oid !== "" && cached?.[path] === oid && (await isFile(join(dir, path)))) {
      manifest[path] = oid;
      continue;
    }
    options.log(`downloading ${repo}/${path}`);
    try {
      const blob = await hub.downloadFile({ repo, path, revision: options.revision, hubUrl: options.hubUrl, fetch: withTimeout(fetchOnce, DOWNLOAD_TIMEOUT_MS), ...credentials });
      if (blob === null) throw new Error("the Hub no longer has it");
      await writeAtomically(join(dir, path), new Uint8Array(await blob.arrayBuffer()));
    } catch (error) {
      if (error instanceof hub.HubApiError) throw hubRefusal(repo, options, error.statusCode, error.message);
      throw new CliError("HUB", `downloading ${repo}/${path} failed: ${describeNetworkError(error)}. Pass a local folder with the tokenizer files instead.`, { cause: error });
    }
    manifest[path] = oid;
  }
  // A file the model no longer has must go: a stale chat_template.jinja would win over the config's template.
  for (const file of TOKENIZER_FILES) if (!(file in manifest)) await rm(join(dir, file), { force: true });
  await writeAtomically(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
  return dir;
}

async function useCache(repo: string, dir: string, cached: Record<string, string> | undefined, why: string, options: HubDownloadOptions): Promise<string> {
  if (cached && REQUIRED_FILE in cached && (await isFile(join(dir, REQUIRED_FILE)))) {
    options.log(`${why}: using the copy of ${repo} cached in ${dir}`);
    return dir;
  }
  throw new CliError(
    "HUB_UNREACHABLE",
    `${why}, and ${repo} is not in the cache (${options.cacheDir}). Without network, pass a local folder instead: ` +
      `--tokenizer path/to/model, a folder with tokenizer.json and tokenizer_config.json (and chat_template.jinja).`,
  );
}

function hubRefusal(repo: string, options: HubDownloadOptions, status: number, detail: string): CliError {
  if (status === 401 || status === 403) {
    return new CliError(
      "HUB",
      `the Hub refused access to ${repo} (HTTP ${status}): a gated or private model needs HF_TOKEN set to a token that may read it ` +
        `(and its licence accepted on the Hub), or pass a local folder instead`,
    );
  }
  if (status === 404) {
    return new CliError("HUB", `${repo} (revision ${options.revision}) is neither a folder here nor a model on the Hub (HTTP 404)`);
  }
  return new CliError("HUB", `the Hub answered HTTP ${status} for ${repo}: ${detail}`);
}

/** The cause a person can act on: `ENOTFOUND`, `ECONNREFUSED`, a timeout. */
export function describeNetworkError(error: unknown): string {
  if (error instanceof DOMException && error.name === "TimeoutError") return "no answer in time";
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code) return cause.code;
  return cause?.message ?? messageOf(error);
}

export function withTimeout(fetchImpl: typeof fetch, ms: number): typeof fetch {
  return (input, init) => fetchImpl(input, { ...init, signal: AbortSignal.timeout(ms) });
}

async function readManifest(dir: string): Promise<Record<string, string> | undefined> {
  try {
    return JSON.parse(await readFile(join(dir, MANIFEST), "utf8")) as Record<string, string>;
  } catch {
    return undefined;
  }
}

/** Another process reading the cache never sees half a file. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const partial = `${path}.partial-${process.pid}`;
  await writeFile(partial, data);
  await rename(partial, path);
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}
