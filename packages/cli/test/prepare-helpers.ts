import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { registry } from "@training-templates/all";
import { applyChatTemplate, type ApplyChatTemplateOptions, type ChatMessage, type TokenizerLike } from "@training-templates/core";
import { parseJsonl } from "./helpers.ts";

export interface InputRecord {
  messages: ChatMessage[];
  tools?: ApplyChatTemplateOptions["tools"];
  add_generation_prompt?: boolean;
  chat_template_kwargs?: Record<string, unknown>;
}

export interface PreparedRow {
  input_ids: number[];
  attention_mask: number[];
  assistant_masks: number[];
  labels?: number[];
  text?: string;
}

export interface RejectEntry {
  line: number;
  kind: string;
  reason: string;
  input: string;
}

export const line = (record: unknown) => JSON.stringify(record);

export { STRICT_CHATML } from "../../core/test/chatml-templates.ts";

export async function writeLines(dir: string, name: string, lines: string[], trailingNewline = true, ending = "\n"): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.join(ending) + (trailingNewline && lines.length > 0 ? ending : ""));
  return path;
}

export async function readRows<T = PreparedRow>(path: string): Promise<T[]> {
  return parseJsonl(await readFile(path, "utf8")) as T[];
}

/**
 * What the library gives in-process for a record, with the registry's training template (or `chatTemplate`): the
 * reference the CLI's output must equal.
 */
export async function libraryRow(
  tokenizer: TokenizerLike,
  record: InputRecord,
  chatTemplate?: string,
): Promise<Required<Omit<PreparedRow, "labels">> & { spans: Array<readonly [number, number]> }> {
  const encoding = await applyChatTemplate(tokenizer, record.messages, {
    ...(chatTemplate === undefined ? { registry } : { chatTemplate }),
    returnAssistantTokensMask: true,
    addGenerationPrompt: record.add_generation_prompt ?? false,
    ...(record.tools ? { tools: record.tools } : {}),
    ...(record.chat_template_kwargs ? { templateKwargs: record.chat_template_kwargs } : {}),
  });
  return {
    input_ids: encoding.input_ids,
    attention_mask: encoding.attention_mask,
    assistant_masks: encoding.assistant_masks ?? [],
    text: encoding.text,
    spans: encoding.spans,
  };
}

/** The pieces of `text` whose tokens are marked: runs of consecutive marked tokens, as text. */
export async function trainedPieces(tokenizer: TokenizerLike, text: string, masks: readonly number[]): Promise<string[]> {
  const { offsets } = await tokenizer.encode(text);
  if (offsets.length !== masks.length) throw new Error(`the text has ${offsets.length} tokens, the masks ${masks.length}`);
  const pieces: string[] = [];
  let start: number | undefined;
  let end = 0;
  for (const [index, [tokenStart, tokenEnd]] of offsets.entries()) {
    if (masks[index] === 1) {
      start ??= tokenStart;
      end = tokenEnd;
    } else if (start !== undefined) {
      pieces.push(text.slice(start, end));
      start = undefined;
    }
  }
  if (start !== undefined) pieces.push(text.slice(start, end));
  return pieces;
}

/** The lines of stderr that report one record (`line N: …`). */
export function reportedLines(stderr: string): string[] {
  return stderr.split("\n").filter((text) => /^line \d+: /.test(text));
}

/** `rejected:  a 1, b 2` of the summary, as a map. */
export function rejectedByKind(stderr: string): Record<string, number> {
  const summaryLine = stderr.split("\n").find((text) => text.startsWith("rejected:"));
  if (!summaryLine) return {};
  return Object.fromEntries(
    summaryLine
      .slice("rejected:".length)
      .split(",")
      .map((part) => part.trim().split(" "))
      .map(([kind, n]) => [kind!, Number(n)]),
  );
}
