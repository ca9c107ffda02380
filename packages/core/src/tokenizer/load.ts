import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { TokenizerLoadError } from "./errors.ts";
import { fromNativeTokenizer } from "./native.ts";
import type { NamedChatTemplate, TokenizerConfig, TokenizerLike } from "./types.ts";

export interface LoadedTokenizer extends TokenizerLike {
  readonly config: TokenizerConfig;
  /** The folder it was loaded from, as given. */
  readonly dir: string;
}

const TOKENIZER_FILE = "tokenizer.json";
const CONFIG_FILE = "tokenizer_config.json";
const TEMPLATE_FILE = "chat_template.jinja";
const EXTRA_TEMPLATES_DIR = "additional_chat_templates";

/**
 * Loads a tokenizer folder the way transformers does: `tokenizer.json` through the native `tokenizers`
 * binding, `tokenizer_config.json` when present, and the chat templates saved beside them
 * (`chat_template.jinja`, `additional_chat_templates/<name>.jinja`), which take priority over the
 * config's `chat_template`. Throws `TokenizerLoadError` naming the folder and file at fault.
 */
export async function loadTokenizer(dir: string): Promise<LoadedTokenizer> {
  if (!(await isDirectory(dir))) throw new TokenizerLoadError(dir, ".", "not a readable directory");
  const tokenizerPath = join(dir, TOKENIZER_FILE);
  if (!(await isFile(tokenizerPath))) throw new TokenizerLoadError(dir, TOKENIZER_FILE, "not found");
  const { Tokenizer } = await importNativeBinding(dir);
  let native: import("tokenizers").Tokenizer;
  try {
    native = Tokenizer.fromFile(tokenizerPath);
  } catch (error) {
    throw new TokenizerLoadError(dir, TOKENIZER_FILE, `the tokenizers library cannot read it: ${describe(error)}`, { cause: error });
  }
  const config = await readConfig(dir);
  const fileTemplates = await readTemplateFiles(dir);
  if (fileTemplates !== undefined) config.chat_template = fileTemplates;
  else config.chat_template = checkConfigTemplate(config.chat_template, dir);
  return { ...fromNativeTokenizer(native, config), config, dir };
}

async function importNativeBinding(dir: string): Promise<typeof import("tokenizers")> {
  try {
    return await import("tokenizers");
  } catch (error) {
    throw new TokenizerLoadError(dir, TOKENIZER_FILE, "the optional peer dependency `tokenizers` (the native binding) is not installed", {
      cause: error,
    });
  }
}

async function readConfig(dir: string): Promise<TokenizerConfig> {
  const path = join(dir, CONFIG_FILE);
  if (!(await isFile(path))) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readUtf8(path));
  } catch (error) {
    throw new TokenizerLoadError(dir, CONFIG_FILE, `not valid JSON: ${describe(error)}`, { cause: error });
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new TokenizerLoadError(dir, CONFIG_FILE, "not a JSON object");
  }
  return parsed as TokenizerConfig;
}

/** Templates saved as files, as transformers merges them: a lone default is a string, several a list. */
async function readTemplateFiles(dir: string): Promise<string | NamedChatTemplate[] | undefined> {
  const templates: NamedChatTemplate[] = [];
  const defaultPath = join(dir, TEMPLATE_FILE);
  if (await isFile(defaultPath)) templates.push({ name: "default", template: await readTemplate(dir, TEMPLATE_FILE) });
  const extraDir = join(dir, EXTRA_TEMPLATES_DIR);
  if (await isDirectory(extraDir)) {
    const names = (await readdir(extraDir)).filter((file) => file.endsWith(".jinja")).sort();
    for (const file of names) {
      templates.push({ name: file.slice(0, -".jinja".length), template: await readTemplate(dir, `${EXTRA_TEMPLATES_DIR}/${file}`) });
    }
  }
  if (templates.length === 0) return undefined;
  if (templates.length === 1 && templates[0]?.name === "default") return templates[0].template;
  return templates;
}

/** Python reads template files in text mode, which turns `\r\n` and lone `\r` into `\n`. */
async function readTemplate(dir: string, file: string): Promise<string> {
  try {
    return (await readUtf8(join(dir, file))).replace(/\r\n?/g, "\n");
  } catch (error) {
    throw new TokenizerLoadError(dir, file, `cannot be read as UTF-8: ${describe(error)}`, { cause: error });
  }
}

function checkConfigTemplate(value: unknown, dir: string): TokenizerConfig["chat_template"] {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  const fail = () => new TokenizerLoadError(dir, CONFIG_FILE, "chat_template must be a string or a list of {name, template}");
  if (Array.isArray(value)) {
    return value.map((entry: unknown) => {
      const { name, template } = (entry ?? {}) as Partial<NamedChatTemplate>;
      if (typeof name !== "string" || typeof template !== "string") throw fail();
      return { name, template };
    });
  }
  // transformers also accepts a {name: template} object.
  if (typeof value === "object") {
    return Object.entries(value).map(([name, template]) => {
      if (typeof template !== "string") throw fail();
      return { name, template };
    });
  }
  throw fail();
}

async function readUtf8(path: string): Promise<string> {
  return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(await readFile(path));
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

async function isDirectory(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isDirectory(), () => false);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
