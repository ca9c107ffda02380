import { stat } from "node:fs/promises";
import type { Writable } from "node:stream";
import { requireOption } from "./args.ts";
import { downloadTokenizer } from "./hub/download-tokenizer.ts";
import { looksLikeHubId } from "./hub/hub-id.ts";
import { hubSettings } from "./hub/hub-settings.ts";
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
  const dir = await downloadTokenizer(given, { ...hubSettings(values["cache-dir"], stderr, env), revision: "main" });
  return openTokenizer(dir);
}
