import type { TokenizerFiles } from "./protocol.ts";

/** The files a tokenizer folder holds that the playground reads; any other file picked is named in the error. */
const NAMES = { "tokenizer.json": "tokenizerJson", "tokenizer_config.json": "tokenizerConfig", "chat_template.jinja": "chatTemplateJinja" } as const;

/** The picked or dropped files as text, by their names (a folder's files keep the names the model ships). */
export async function readTokenizerFiles(files: readonly File[]): Promise<TokenizerFiles> {
  const unknown = files.filter((file) => !(file.name in NAMES)).map((file) => file.name);
  if (unknown.length > 0) {
    throw new Error(`the playground reads tokenizer.json, tokenizer_config.json and chat_template.jinja; not ${unknown.join(", ")}`);
  }
  const byName = new Map(files.map((file) => [file.name, file]));
  const tokenizerJson = byName.get("tokenizer.json");
  if (!tokenizerJson) throw new Error("tokenizer.json is missing: pick it together with tokenizer_config.json");
  const text = (name: keyof typeof NAMES) => byName.get(name)?.text();
  const [config, jinja] = await Promise.all([text("tokenizer_config.json"), text("chat_template.jinja")]);
  return {
    origin: files.map((file) => file.name).join(", "),
    tokenizerJson: await tokenizerJson.text(),
    ...(config !== undefined ? { tokenizerConfig: config } : {}),
    ...(jinja !== undefined ? { chatTemplateJinja: jinja } : {}),
  };
}
