import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a run's ids depend on: the CLI, the library, the templates, the tokenizer binding, the Parquet code. */
const PACKAGES = ["@training-templates/cli", "@training-templates/core", "@training-templates/all", "tokenizers", "@huggingface/hub", "hyparquet", "hyparquet-writer"];

/**
 * The installed version of each package, found as Node finds it (the nearest `node_modules` upward), read from its
 * package.json: several of them do not export one.
 */
export async function packageVersions(): Promise<Record<string, string>> {
  const here = dirname(fileURLToPath(import.meta.url));
  const versions: Record<string, string> = {};
  for (const name of PACKAGES) versions[name] = (await findVersion(here, name)) ?? "unknown";
  versions.node = process.version;
  return versions;
}

async function findVersion(from: string, name: string): Promise<string | undefined> {
  // The CLI itself: its package.json sits one level above src/ and dist/.
  const own = await readVersion(join(from, "..", "package.json"), name);
  if (own) return own;
  for (let dir = from; ; dir = dirname(dir)) {
    const version = await readVersion(join(dir, "node_modules", name, "package.json"), name);
    if (version) return version;
    if (dirname(dir) === dir) return undefined;
  }
}

async function readVersion(path: string, name: string): Promise<string | undefined> {
  try {
    const json = JSON.parse(await readFile(path, "utf8")) as { name?: string; version?: string };
    return json.name === name ? json.version : undefined;
  } catch {
    return undefined;
  }
}
