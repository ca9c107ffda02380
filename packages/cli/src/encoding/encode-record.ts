import {
  applyChatTemplateBatch,
  ConversationProblemError,
  joinContentBlocks,
  labelsFromMasks,
  truncateRows,
  type ChatTemplateEncoding,
  type ChatTemplateRequest,
  type ContentBlocksPolicy,
  type EndOfTurnTraining,
  type Strategy,
  type Truncation,
} from "@training-templates/core";
import { registry } from "@training-templates/all";
import { CliError, messageOf } from "../cli-error.ts";
import { parseRecord, type ChatRecord } from "../records/parse-record.ts";
import type { RecordShape } from "../records/record-shape.ts";
import { reject, type Rejection } from "../records/rejection.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";
import { planOf, templateFor, type TemplateChoice } from "./template-choice.ts";

/** What to make of each record. Plain data, so worker threads receive it as it is. */
export interface EncodeOptions {
  /** Roles whose turns train. */
  roles: readonly string[];
  endOfTurnTraining: EndOfTurnTraining;
  lastTurnOnly: boolean;
  maxLength?: number;
  truncation: Truncation;
  /** Add `labels`: the id where the mask is 1, -100 elsewhere. */
  labels: boolean;
  /** Add the rendered `text` (before truncation). */
  includeText: boolean;
  /** Input fields copied to the output row as they are (`--keep-columns`); a record without one gets null. */
  keepColumns?: readonly string[];
  /** `json` (the default): each row as a JSON line; `columns`: as the object, for a columnar writer. */
  rowFormat?: "json" | "columns";
  /** Messages whose content is a list of blocks (`--content-blocks`): rejected when the template would write the list as a Python repr (default), joined into one string first, or rendered as they are. */
  contentBlocks?: ContentBlocksPolicy;
}

/** `mask`'s output: the template's masks as they are, nothing cut, no labels. */
export const MASK_ENCODING: EncodeOptions = { roles: ["assistant"], endOfTurnTraining: "turn", lastTurnOnly: false, truncation: "right", labels: false, includeText: false };

/** A row as an object, for a columnar writer: no JSON text made only to be parsed again. */
export type ColumnRow = Record<string, unknown>;

interface EncodedCounts {
  ok: true;
  tokens: number;
  trainedTokens: number;
  /** The token count before `maxLength` cut it; absent when nothing was cut. */
  truncatedFrom?: number;
  /** How this record's masks were obtained (see `Strategy`): the plan's, or `derived` where it fell back. */
  strategy?: Strategy;
}

/** One record done: its output line (JSON, no newline) or columnar row, and the counts the summary needs. */
export type Encoded = EncodedCounts & ({ line: string; row?: undefined } | { row: ColumnRow; line?: undefined });

/** The row of an encoded record as an object, whichever form it came in. */
export function encodedRow(encoded: Encoded): Record<string, unknown> {
  return encoded.row ?? (JSON.parse(encoded.line) as Record<string, unknown>);
}

export type Outcome = Encoded | Rejection;

/** Errors that concern one conversation: the record is rejected and the run goes on. */
const REJECT_KIND_BY_CODE = {
  INVALID_CONVERSATION: "invalid-message",
  GENERATION_SPANS: "template-failed",
  // A template past a render limit (output, time, macro depth): this record is rejected, the run goes on.
  TEMPLATE_LIMIT: "template-limit",
  TOKEN_ALIGNMENT: "tokenizer-failed",
  TURN_MASKS: "turns-not-found",
  // The training template's text is not the model's for this record, and derived masks do not verify either.
  TEMPLATE_MISMATCH: "template-mismatch",
  // Masks cannot be derived for this record (the template rewrites history, renders nothing for a reply…).
  DERIVED_MASKS: "masks-not-derived",
} as const;

/** Turns record text into output lines: parse, render with the chosen template, tokenize, mask, cut, label. */
export class RecordEncoder {
  constructor(
    private readonly tokenizer: LoadedTokenizer,
    private readonly choice: TemplateChoice,
    private readonly shape: RecordShape,
    private readonly options: EncodeOptions,
  ) {}

  async encode(text: string): Promise<Outcome> {
    return (await this.encodeBatch([text]))[0]!;
  }

  /**
   * Many records at once, in order: each parsed and rendered, then all their texts tokenized in one call (the
   * native binding's `encodeBatch`). A bad record is rejected alone.
   */
  async encodeBatch(texts: readonly string[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = new Array(texts.length);
    const requests: ChatTemplateRequest[] = [];
    const pending: Array<{ index: number; record: ChatRecord }> = [];
    texts.forEach((text, index) => {
      const prepared = this.requestFor(text);
      if ("kind" in prepared) outcomes[index] = prepared;
      else {
        requests.push(prepared.request);
        pending.push({ index, record: prepared.record });
      }
    });
    const results = await applyChatTemplateBatch(this.tokenizer, requests);
    results.forEach((result, position) => {
      const { index, record } = pending[position]!;
      outcomes[index] = result.ok ? this.encodedOf(result.encoding, record) : rejectionFor(result.error);
    });
    return outcomes;
  }

  private requestFor(text: string): { request: ChatTemplateRequest; record: ChatRecord } | Rejection {
    const parsed = parseRecord(text, this.shape);
    if (!parsed.ok) return parsed;
    const record = parsed.record;
    const template = templateFor(this.choice, record.tools !== undefined);
    if (template === undefined) {
      return reject("no-template", `the tokenizer's named templates have none for this record ("default"${record.tools ? ' or "tool_use"' : ""})`);
    }
    let messages: ChatRecord["messages"];
    try {
      // Joined here, not only in the library: the prefixes rendered to locate turns must see the same messages.
      messages = this.options.contentBlocks === "join" ? joinContentBlocks(record.messages) : record.messages;
    } catch (error) {
      // A block that cannot be joined (an image): this record is rejected, the batch goes on.
      return rejectionFor(error);
    }
    const plan = planOf(this.choice, record.tools !== undefined);
    // One clock per record: the prefixes rendered to locate turns and masks must show the same `strftime_now` date.
    const renderedAt = new Date();
    return {
      record,
      request: {
        messages,
        options: {
          // The plan names the model's template (every record's text is checked against it) and how spans are found.
          chatTemplate: plan?.original ?? template,
          ...(plan ? { plan } : {}),
          registry,
          templateName: this.choice.name,
          returnAssistantTokensMask: true,
          addGenerationPrompt: record.addGenerationPrompt,
          now: () => renderedAt,
          contentBlocks: this.options.contentBlocks ?? "reject",
          ...(record.tools ? { tools: record.tools } : {}),
          ...(record.documents ? { documents: record.documents } : {}),
          ...(record.templateKwargs ? { templateKwargs: record.templateKwargs } : {}),
          turns: { roles: this.options.roles, endOfTurnTraining: this.options.endOfTurnTraining, lastTurnOnly: this.options.lastTurnOnly, excluded: record.excluded },
        },
      },
    };
  }

  private encodedOf(encoding: ChatTemplateEncoding, record: ChatRecord): Encoded {
    const assistantMasks = encoding.assistant_masks ?? [];
    let rows = { input_ids: encoding.input_ids, attention_mask: encoding.attention_mask, assistant_masks: assistantMasks };
    const fullLength = rows.input_ids.length;
    const { maxLength } = this.options;
    if (maxLength !== undefined && fullLength > maxLength) rows = truncateRows(rows, maxLength, this.options.truncation);
    const row: Record<string, unknown> = {
      ...rows,
      ...(this.options.labels ? { labels: labelsFromMasks(rows.input_ids, rows.assistant_masks) } : {}),
      ...(this.options.includeText ? { text: encoding.text } : {}),
    };
    for (const column of this.options.keepColumns ?? []) row[column] = record.fields[column] ?? null;
    let trainedTokens = 0;
    for (const bit of rows.assistant_masks) trainedTokens += bit;
    return {
      ok: true,
      ...(this.options.rowFormat === "columns" ? { row } : { line: JSON.stringify(row) }),
      tokens: rows.input_ids.length,
      trainedTokens,
      ...(fullLength > rows.input_ids.length ? { truncatedFrom: fullLength } : {}),
      ...(encoding.templateUsed.strategy ? { strategy: encoding.templateUsed.strategy } : {}),
    };
  }
}

function rejectionFor(error: unknown): Rejection {
  // The library's conversation check says which problem it is (content blocks, a bad tool call…).
  if (error instanceof ConversationProblemError) return reject(error.problem, messageOf(error));
  const code = (error as { code?: unknown }).code;
  if (code === "TEMPLATE_RENDER") {
    return reject((error as { raisedByTemplate?: boolean }).raisedByTemplate ? "template-rejected" : "template-failed", messageOf(error));
  }
  if (typeof code === "string" && code in REJECT_KIND_BY_CODE) return reject(REJECT_KIND_BY_CODE[code as keyof typeof REJECT_KIND_BY_CODE], messageOf(error));
  // A template that does not parse fails every record alike: that ends the run rather than rejecting them all.
  if (code === "TEMPLATE_SYNTAX") throw new CliError("TEMPLATE_SYNTAX", messageOf(error), { cause: error });
  throw error;
}
