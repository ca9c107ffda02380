// Tokenizer folders as a model on the Hub has them (tokenizer.json, and tokenizer_config.json with the vendor's chat
// template), made in a temporary folder for the end-to-end sections: the npm tokenizer packages carry chat templates
// that are not the vendors' current bytes, and `prepare` with its defaults should pick the training template, and
// do the per-record text check, as it does for a real model.
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { originalTemplatePath } from "@training-templates/testkit";
import { tokenizerDirOf, type FamilySpec } from "./corpus.ts";

/** A copy of `base`'s tokenizer.json, and its tokenizer_config.json with `chatTemplate`, in `dir`. */
export async function tokenizerWithTemplate(base: string, chatTemplate: string, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(join(base, "tokenizer.json"), join(dir, "tokenizer.json"));
  const config = JSON.parse(await readFile(join(base, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
  await writeFile(join(dir, "tokenizer_config.json"), JSON.stringify({ ...config, chat_template: chatTemplate }, null, 2));
  return dir;
}

/** The family's tokenizer with the vendor's original chat template (from the reference corpus), in `dir`. */
export async function familyTokenizer(spec: FamilySpec, dir: string): Promise<string> {
  return tokenizerWithTemplate(tokenizerDirOf(spec), await readFile(originalTemplatePath(spec.original), "utf8"), dir);
}
