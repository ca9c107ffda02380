import type { ChatMessage, ToolDefinition } from "@training-templates/core";
import { pythonScriptPath, runPythonScript } from "./run-python-script.ts";

export interface TransformersMaskJob {
  chatTemplate: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  documents?: Record<string, unknown>[];
  add_generation_prompt?: boolean;
  /** Extra keyword arguments of `apply_chat_template` (template variables such as `enable_thinking`). */
  kwargs?: Record<string, unknown>;
}

export type TransformersMaskResult =
  | { input_ids: number[]; assistant_masks: number[] }
  | { error: string; errorType: string };

/**
 * What transformers itself makes of each job: `AutoTokenizer.from_pretrained(tokenizerDir).apply_chat_template(...,
 * tokenize=True, return_dict=True, return_assistant_tokens_mask=True)`. Needs a Python with transformers, such as the
 * one `ensureReferencePython` returns. One process per call, the tokenizer loaded once.
 */
export async function transformersAssistantMasks(
  tokenizerDir: string,
  jobs: TransformersMaskJob[],
  options: { python: string },
): Promise<TransformersMaskResult[]> {
  const script = pythonScriptPath("transformers_masks.py");
  const output = (await runPythonScript(
    options.python,
    [script, tokenizerDir],
    { jobs },
    {
      missingPython: "Create the reference Python with ensureReferencePython(cacheDir) and pass the path it returns.",
      missingModule:
        "Use the reference Python from ensureReferencePython(cacheDir), which has transformers 5.x installed.",
    },
  )) as { results: TransformersMaskResult[] };
  if (output.results.length !== jobs.length) {
    throw new Error(`transformers_masks.py returned ${output.results.length} results for ${jobs.length} jobs`);
  }
  return output.results;
}
