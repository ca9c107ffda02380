import { homedir } from "node:os";
import { join } from "node:path";

/** `owner/name` as the Hub spells repository ids (`Qwen/Qwen3-0.6B`, `meta-llama/Llama-3.1-8B-Instruct`). */
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

/** Whether `value` can be a Hub model id; a folder of that name wins, so callers check the disk first. */
export function looksLikeHubId(value: string): boolean {
  return HUB_ID.test(value) && !value.includes("..");
}

/** Where downloaded tokenizer files are kept unless `--cache-dir` says otherwise. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.TRAINING_TEMPLATES_CACHE) return env.TRAINING_TEMPLATES_CACHE;
  const base = env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(base, "training-templates");
}
