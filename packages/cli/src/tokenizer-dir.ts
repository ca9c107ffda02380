import { stat } from "node:fs/promises";
import { join } from "node:path";
import { loadTokenizer, type LoadedTokenizer } from "@training-templates/core/node";
import { CliError, messageOf } from "./cli-error.ts";

export type { LoadedTokenizer };

/** Loads the tokenizer folder given with `--tokenizer`; any problem becomes a `CliError` naming the folder. */
export async function openTokenizer(dir: string): Promise<LoadedTokenizer> {
  if (!(await isDirectory(dir))) {
    throw new CliError("TOKENIZER", `tokenizer directory not found: ${dir} (expected a folder with tokenizer.json and tokenizer_config.json)`);
  }
  try {
    return await loadTokenizer(dir);
  } catch (error) {
    if ((error as { code?: unknown }).code === "TOKENIZER_LOAD") throw new CliError("TOKENIZER", messageOf(error), { cause: error });
    throw error;
  }
}

/**
 * Which files the tokenizer's chat template came from, in the order transformers gives them priority, so
 * messages can say what was checked.
 */
export async function describeTemplateOrigin(dir: string): Promise<string> {
  const templateFile = join(dir, "chat_template.jinja");
  const extraTemplates = join(dir, "additional_chat_templates");
  const fromFiles = [
    ...((await isFile(templateFile)) ? [templateFile] : []),
    ...((await isDirectory(extraTemplates)) ? [join(extraTemplates, "*.jinja")] : []),
  ];
  if (fromFiles.length > 0) return fromFiles.join(" and ");
  return `"chat_template" in ${join(dir, "tokenizer_config.json")}`;
}

/** What was looked at when a folder has no chat template at all. */
export function templatePlacesChecked(dir: string): string {
  return `checked ${join(dir, "chat_template.jinja")}, ${join(dir, "additional_chat_templates")}/ and "chat_template" in ${join(dir, "tokenizer_config.json")}`;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}
