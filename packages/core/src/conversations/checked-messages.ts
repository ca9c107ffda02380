import { selectNamedTemplate } from "../registry/training-template.ts";
import { specialTokensFromConfig } from "../render/context.ts";
import type { RenderLimits } from "../render/render-limits.ts";
import type { TokenizerLike } from "../tokenizer/types.ts";
import type { ChatMessage, ToolDefinition } from "../types.ts";
import { assertContentBlocksRendered, joinContentBlocks, type ContentBlocksPolicy } from "./content-blocks.ts";
import { validateConversation } from "./validate.ts";

/** The part of `applyChatTemplate`'s options the input checks read. */
export interface ConversationInputOptions {
  tools?: ToolDefinition[];
  documents?: Record<string, unknown>[];
  addGenerationPrompt?: boolean;
  chatTemplate?: string;
  templateKwargs?: Record<string, unknown>;
  now?: () => Date;
  templateName?: string;
  contentBlocks?: ContentBlocksPolicy;
  limits?: RenderLimits;
}

/**
 * `applyChatTemplate`'s messages once checked: the conversation validated (`validateConversation`), then the content
 * blocks policy applied (default `"as-is"`, as transformers renders). `"reject"` probes the template that will
 * render: the given one, else the tokenizer's (a training template swapped in for it keeps the original's
 * expressions, so it writes content the same way).
 */
export function checkedMessages(tokenizer: TokenizerLike, messages: ChatMessage[], options: ConversationInputOptions): ChatMessage[] {
  validateConversation({ messages, tools: options.tools, documents: options.documents });
  const policy = options.contentBlocks ?? "as-is";
  if (policy === "join") return joinContentBlocks(messages);
  if (policy === "reject") {
    const template = options.chatTemplate ?? selectNamedTemplate(tokenizer.config?.chat_template, options.tools !== undefined);
    // No template: choosing one fails next, with its own message.
    if (template !== undefined) {
      assertContentBlocksRendered(
        template,
        {
          messages,
          ...(options.tools ? { tools: options.tools } : {}),
          ...(options.documents ? { documents: options.documents } : {}),
          add_generation_prompt: options.addGenerationPrompt ?? false,
        },
        {
          specialTokens: specialTokensFromConfig(tokenizer.config),
          ...(options.templateKwargs ? { templateKwargs: options.templateKwargs } : {}),
          renderOptions: {
            templateName: options.templateName ?? (options.chatTemplate !== undefined ? "(given template)" : "(tokenizer's template)"),
            ...(options.now ? { now: options.now } : {}),
            ...(options.limits ? { limits: options.limits } : {}),
          },
        },
      );
    }
  }
  return messages;
}
