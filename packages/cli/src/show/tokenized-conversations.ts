import type { Readable, Writable } from "node:stream";
import type { ContentBlocksPolicy } from "@training-templates/core";
import { encodedRow, MASK_ENCODING, RecordEncoder } from "../encoding/encode-record.ts";
import type { TemplateChoice } from "../encoding/template-choice.ts";
import { RecordSource, type InputFormat } from "../io/record-source.ts";
import type { RecordShape } from "../records/record-shape.ts";
import type { LoadedTokenizer } from "../tokenizer-dir.ts";

/** One token as rendered: its id, the text it covers, and whether it trains. */
export interface ShownToken {
  id: number;
  text: string;
  trained: boolean;
  /**
   * The token holds the rest of a character the previous token began (byte-level tokenizers split emoji and rare
   * characters into several tokens, each covering the whole character): shown as a continuation, not a repeat.
   */
  continues: boolean;
}

/** A record of the input, tokenized as `prepare` would (by default) train it, or why it was left out. */
export type TokenizedConversation =
  | { ok: true; index: number; line: number; tokens: ShownToken[]; trainedCount: number }
  | { ok: false; index: number; line: number; reason: string };

export interface ConversationRequest {
  inputPath: string;
  inputFormat: InputFormat;
  shape: RecordShape;
  choice: TemplateChoice;
  contentBlocks?: ContentBlocksPolicy;
  /** The 0-based index of the first record wanted. */
  first: number;
  count: number;
}

/**
 * Reads records `first` to `first + count - 1` of the input (stops reading after them) and tokenizes each with the
 * record encoder `prepare` and `mask` use, so what is shown is what they train. `recordsSeen` says how many records
 * the input had up to where reading stopped.
 */
export async function readTokenizedConversations(
  tokenizer: LoadedTokenizer,
  request: ConversationRequest,
  io: { stdin: Readable; stderr: Writable },
): Promise<{ conversations: TokenizedConversation[]; recordsSeen: number }> {
  const encoder = new RecordEncoder(tokenizer, request.choice, request.shape, {
    ...MASK_ENCODING,
    includeText: true,
    ...(request.contentBlocks ? { contentBlocks: request.contentBlocks } : {}),
  });
  const source = await RecordSource.open(request.inputPath, io.stdin);
  const conversations: TokenizedConversation[] = [];
  let index = 0;
  for await (const record of source.records(request.inputFormat, (line, message) => io.stderr.write(`line ${line}: warning: ${message}\n`))) {
    const current = index++;
    if (current < request.first) continue;
    conversations.push(await tokenize(tokenizer, encoder, current, record.number, record.problem, record.text));
    if (conversations.length === request.count) {
      source.stop();
      break;
    }
  }
  return { conversations, recordsSeen: index };
}

async function tokenize(
  tokenizer: LoadedTokenizer,
  encoder: RecordEncoder,
  index: number,
  line: number,
  problem: string | undefined,
  text: string,
): Promise<TokenizedConversation> {
  if (problem !== undefined) return { ok: false, index, line, reason: problem };
  const outcome = await encoder.encode(text);
  if (!outcome.ok) return { ok: false, index, line, reason: outcome.reason };
  const row = encodedRow(outcome) as { input_ids: number[]; assistant_masks: number[]; text: string };
  // The encoder's rows carry no offsets; the rendered text tokenizes to the same ids, so its offsets are theirs.
  const { ids, offsets } = await tokenizer.encode(row.text);
  if (ids.length !== row.input_ids.length || ids.some((id, i) => id !== row.input_ids[i])) {
    throw new Error(`record ${index} (line ${line}): tokenizing the rendered text again gave other ids than the encoder's`);
  }
  const tokens = ids.map((id, i) => ({
    id,
    text: row.text.slice(offsets[i]![0], offsets[i]![1]),
    trained: row.assistant_masks[i] === 1,
    continues: i > 0 && offsets[i]![0] < offsets[i - 1]![1],
  }));
  return { ok: true, index, line, tokens, trainedCount: tokens.filter((token) => token.trained).length };
}
