import type { TokenizerFiles } from "./protocol.ts";

/**
 * A Hub model's tokenizer files, fetched only when the user asks (the page makes no other request). The library is
 * loaded on demand too, so a page that never asks never downloads it. Gated models need a token, which the page does
 * not take: download their files and pick them instead.
 */
export async function fetchHubTokenizer(modelId: string): Promise<TokenizerFiles> {
  const id = modelId.trim();
  if (!/^[\w.-]+\/[\w.-]+$/.test(id)) throw new Error(`"${modelId}" is not a Hub model id such as Qwen/Qwen3-8B`);
  const { downloadFile } = await import("@huggingface/hub");
  const read = async (path: string) => {
    // Without Xet's chunked protocol: a plain download of the file, which the page's CSP (connect-src) allows.
    const blob = await downloadFile({ repo: { type: "model", name: id }, path, xet: false });
    return blob === null ? undefined : blob.text();
  };
  const [tokenizerJson, tokenizerConfig, chatTemplateJinja] = await Promise.all([read("tokenizer.json"), read("tokenizer_config.json"), read("chat_template.jinja")]);
  if (tokenizerJson === undefined) throw new Error(`${id} has no tokenizer.json on the Hub`);
  return {
    origin: `the Hub model ${id}`,
    tokenizerJson,
    ...(tokenizerConfig !== undefined ? { tokenizerConfig } : {}),
    ...(chatTemplateJinja !== undefined ? { chatTemplateJinja } : {}),
  };
}
