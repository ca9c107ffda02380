import { readFile } from "node:fs/promises";
import { hasGenerationMarkers, selectNamedTemplate } from "@training-templates/core";
import { CliError, messageOf } from "../cli-error.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import { resolveTrainingTemplate } from "../training-template.ts";

export const AUTO_TEMPLATE = "auto";

/** The template `mask` renders with, decided once before the first record. */
export interface MaskTemplate {
  /** For messages, e.g. `training template qwen-3 (matched by fingerprint)`. */
  description: string;
  /** How per-record errors name the template. */
  name: string;
  /** The template for one record: named lists pick `tool_use` for records with tools, as transformers does. */
  templateFor(withTools: boolean): string | undefined;
}

/** `auto`: the training template for the tokenizer's own; otherwise a file holding a template with markers. */
export async function chooseMaskTemplate(option: string, tokenizer: LoadedTokenizer): Promise<MaskTemplate> {
  if (option !== AUTO_TEMPLATE) return templateFromFile(option);
  const { chatTemplate, description, name } = await resolveTrainingTemplate(tokenizer);
  return { description, name, templateFor: (withTools) => selectNamedTemplate(chatTemplate, withTools) };
}

async function templateFromFile(path: string): Promise<MaskTemplate> {
  let template: string;
  try {
    template = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await readFile(path));
  } catch (error) {
    throw new CliError("TEMPLATE_FILE", `cannot read the template ${path}: ${messageOf(error)}`, { cause: error });
  }
  if (!hasGenerationMarkers(template)) {
    throw new CliError(
      "TEMPLATE_FILE",
      `the template ${path} has no {% generation %} markers, so every assistant mask would be all zeros. ` +
        "Use --template auto, or get a training template with `training-templates template --tokenizer DIR`.",
    );
  }
  return { description: `the template in ${path}, as is`, name: path, templateFor: () => template };
}
