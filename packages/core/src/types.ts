/** A chat message as transformers' chat templates receive it. Extra keys are passed through untouched. */
export interface ChatMessage {
  role: string;
  content?: string | ContentBlock[] | null;
  reasoning_content?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  name?: string;
  [key: string]: unknown;
}

export interface ContentBlock {
  type: string;
  text?: string;
  [key: string]: unknown;
}

export interface ToolCall {
  type?: "function";
  id?: string;
  function: { name: string; arguments: Record<string, unknown> | string };
}

/** A tool as listed in `tools`: the JSON schema shape transformers uses. */
export interface ToolDefinition {
  type: "function";
  function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/** One conversation as it crosses into the Hugging Face world (keys keep their snake_case names). */
export interface Conversation {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  documents?: Record<string, unknown>[];
  add_generation_prompt?: boolean;
  chat_template_kwargs?: Record<string, unknown>;
}

/** A `[start, end)` range of the rendered text, in UTF-16 code units (JavaScript string indices). */
export type Span = readonly [start: number, end: number];
