import type { Writable } from "node:stream";
import { defaultCacheDir } from "./hub-id.ts";

/** How to reach the Hub, from `--cache-dir` and the variables the Hugging Face tools read. */
export interface HubSettings {
  cacheDir: string;
  /** The Hub's address (`HF_ENDPOINT`), default https://huggingface.co. */
  hubUrl: string;
  /** For gated and private repositories (`HF_TOKEN`). */
  accessToken?: string;
  /** How long the first request may take before the network counts as absent. */
  connectTimeoutMs: number;
  /** Fail at once instead of asking the Hub (`HF_HUB_OFFLINE=1`); a complete cached copy is still used. */
  offline: boolean;
  /** Says what happens (downloads, cache use) on stderr. */
  log: (message: string) => void;
}

const DEFAULT_HUB_URL = "https://huggingface.co";
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

export function hubSettings(cacheDirFlag: string | undefined, stderr: Writable, env: NodeJS.ProcessEnv = process.env): HubSettings {
  return {
    cacheDir: cacheDirFlag ?? defaultCacheDir(env),
    hubUrl: (env.HF_ENDPOINT || DEFAULT_HUB_URL).replace(/\/+$/, ""),
    ...(env.HF_TOKEN ? { accessToken: env.HF_TOKEN } : {}),
    connectTimeoutMs: Number(env.TRAINING_TEMPLATES_HUB_TIMEOUT_MS) || DEFAULT_CONNECT_TIMEOUT_MS,
    offline: env.HF_HUB_OFFLINE === "1" || env.HF_HUB_OFFLINE?.toLowerCase() === "true",
    log: (message) => stderr.write(`${message}\n`),
  };
}
