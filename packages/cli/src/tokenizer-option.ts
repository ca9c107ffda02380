import { stat } from "node:fs/promises";
import type { Writable } from "node:stream";
import { requireOption } from "./args.ts";
import { downloadTokenizer } from "./hub/download-tokenizer.ts";
import { defaultCacheDir, looksLikeHubId } from "./hub/hub-id.ts";
import { openTokenizer, type LoadedTokenizer } from "./tokenizer-dir.ts";

/** `--tokenizer` and `--cache-dir`, for every command that reads a tokenizer. */
export const TOKENIZER_OPTIONS = {
  tokenizer: { type: "string" },
  "cache-dir": { type: "string" },
} as const;

/** Their lines in a command's help. */
export const TOKENIZER_OPTIONS_USAGE = `  --tokenizer DIR_OR_HUB_ID
                      a folder with tokenizer.json and tokenizer_config.json (and chat_template.jinja),
                      or a Hub model id (Qwen/Qwen3-0.6B) whose tokenizer files are downloaded
  --cache-dir DIR     where downloaded tokenizer files are kept
                      (default: $TRAINING_TEMPLATES_CACHE or ~/.cache/training-templates)`;

const DEFAULT_HUB_URL = "https://huggingface.co";
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;

/**
 * The tokenizer named by `--tokenizer`: a local folder, or, when no folder has that name and it reads as
 * `owner/name`, the model's tokenizer files from the Hub (cached). `HF_ENDPOINT`, `HF_TOKEN` and
 * `HF_HUB_OFFLINE` mean what they mean to the Hugging Face tools.
 */
export async function openTokenizerOption(
  values: { tokenizer?: string | undefined; "cache-dir"?: string | undefined },
  usage: string,
  stderr: Writable,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LoadedTokenizer> {
  const given = requireOption(values.tokenizer, "--tokenizer", usage);
  const existsHere = await stat(given).then(() => true, () => false);
  if (existsHere || !looksLikeHubId(given)) return openTokenizer(given);
  const dir = await downloadTokenizer(given, {
    cacheDir: values["cache-dir"] ?? defaultCacheDir(env),
    hubUrl: (env.HF_ENDPOINT || DEFAULT_HUB_URL).replace(/\/+$/, ""),
    revision: "main",
    ...(env.HF_TOKEN ? { accessToken: env.HF_TOKEN } : {}),
    connectTimeoutMs: Number(env.TRAINING_TEMPLATES_HUB_TIMEOUT_MS) || DEFAULT_CONNECT_TIMEOUT_MS,
    offline: env.HF_HUB_OFFLINE === "1" || env.HF_HUB_OFFLINE?.toLowerCase() === "true",
    log: (message) => stderr.write(`${message}\n`),
  });
  return openTokenizer(dir);
}
