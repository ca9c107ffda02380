import { CliError } from "../cli-error.ts";
import { AUTO_TEMPLATE } from "../encoding/template-choice.ts";
import { INPUT_FORMATS, type InputFormat } from "../io/record-source.ts";
import type { ContentBlocksPolicy } from "@training-templates/core";
import { CONTENT_BLOCKS_OPTION, CONTENT_BLOCKS_USAGE, readContentBlocksPolicy } from "../records/content-blocks-option.ts";
import { parseRoleAliases, strictShape, type RecordShape } from "../records/record-shape.ts";

/** The flags `show` and `view` share with `prepare`: where conversations are, how records are spelled, the template. */
export const CONVERSATION_OPTIONS = {
  input: { type: "string" },
  "input-format": { type: "string", default: "auto" },
  template: { type: "string", default: AUTO_TEMPLATE },
  "messages-field": { type: "string", default: "messages" },
  "role-field": { type: "string", default: "role" },
  "content-field": { type: "string", default: "content" },
  "documents-field": { type: "string", default: "documents" },
  "role-alias": { type: "string" },
  ...CONTENT_BLOCKS_OPTION,
} as const;

export const CONVERSATION_OPTIONS_USAGE = `  --input FILE        conversations, as prepare reads them (JSONL or a JSON array); - reads stdin
  --input-format auto|jsonl|json
                      how to read the input (default auto: a JSON array when it starts with [)
  --template auto|FILE
                      auto (default): the training template for the tokenizer's chat template;
                      FILE: a template with {% generation %} markers, used as is
  --messages-field NAME, --role-field NAME, --content-field NAME, --role-alias FROM=TO[,...]
                      how records spell the conversation, as for prepare (ShareGPT's human/gpt/
                      observation are understood); a message with "train": false does not train
  --documents-field NAME
                      the field holding RAG documents, passed to the template as documents
                      (default documents)
${CONTENT_BLOCKS_USAGE}`;

export interface ConversationFlags {
  "input-format": string;
  "messages-field": string;
  "role-field": string;
  "content-field": string;
  "documents-field": string;
  "role-alias"?: string | undefined;
  "content-blocks": string;
}

/** The record shape and input format the flags ask for; the trained roles are prepare's default, the assistant's. */
export function readConversationFlags(flags: ConversationFlags, usage: string): { shape: RecordShape; inputFormat: InputFormat; contentBlocks: ContentBlocksPolicy } {
  const inputFormat = flags["input-format"];
  if (!(INPUT_FORMATS as readonly string[]).includes(inputFormat)) {
    throw new CliError("USAGE", `--input-format takes ${INPUT_FORMATS.join(", ")}; got "${inputFormat}"`, { usage });
  }
  const shape = strictShape(
    { messagesField: flags["messages-field"], roleField: flags["role-field"], contentField: flags["content-field"], documentsField: flags["documents-field"] },
    parseRoleAliases(flags["role-alias"], usage),
    ["assistant"],
  );
  return { shape, inputFormat: inputFormat as InputFormat, contentBlocks: readContentBlocksPolicy(flags["content-blocks"], usage) };
}

/** A count given on the command line: a whole number of at least `min`. */
export function readCount(value: string, flag: string, min: number, usage: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < min) {
    throw new CliError("USAGE", `${flag} takes a whole number of at least ${min}, got "${value}"`, { usage });
  }
  return n;
}
