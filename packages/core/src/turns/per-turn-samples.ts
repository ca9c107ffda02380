import { applyChatTemplate, type ApplyChatTemplateOptions, type ChatTemplateEncoding } from "../apply-chat-template.ts";
import type { TokenizerLike } from "../tokenizer/types.ts";
import type { ChatMessage } from "../types.ts";

/** One sample of `applyChatTemplatePerTurn`: the encoding of the messages up to and including one assistant turn. */
export interface PerTurnSample extends ChatTemplateEncoding {
  /** The index, in the whole conversation, of the assistant message this sample trains. */
  messageIndex: number;
}

/**
 * One sample per assistant turn, as LLaMA-Factory does for templates that rewrite history (Qwen3 writes the think
 * block only for the last turn, so a turn's text depends on what follows it): sample k is `messages[:k+1]`, with
 * only its last turn trained. Each sample's text is exactly what the template renders for that prefix, and each turn
 * is trained in the form the model produced it; earlier turns are context. Every option of `applyChatTemplate`
 * applies to each sample (`turns.lastTurnOnly` is set). Turns marked `train: false` give no sample.
 */
export async function applyChatTemplatePerTurn(
  tokenizer: TokenizerLike,
  messages: ChatMessage[],
  options: ApplyChatTemplateOptions = {},
): Promise<PerTurnSample[]> {
  const samples: PerTurnSample[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role !== "assistant" || message.train === false) continue;
    const encoding = await applyChatTemplate(tokenizer, messages.slice(0, index + 1), {
      ...options,
      returnAssistantTokensMask: true,
      addGenerationPrompt: false,
      turns: { ...options.turns, lastTurnOnly: true },
    });
    samples.push(Object.assign(encoding, { messageIndex: index }));
  }
  return samples;
}
