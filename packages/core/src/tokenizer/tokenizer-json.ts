/** The parts of a `tokenizer.json` that decide how tokens map back onto the text. */
export interface TokenizerJson {
  added_tokens?: AddedTokenJson[];
  normalizer?: PipelineStepJson | null;
  pre_tokenizer?: PipelineStepJson | null;
  post_processor?: PipelineStepJson | null;
  model?: PipelineStepJson;
}

export interface AddedTokenJson {
  id: number;
  content: string;
  lstrip?: boolean;
  rstrip?: boolean;
  single_word?: boolean;
  normalized?: boolean;
  special?: boolean;
}

/** A normalizer, pre-tokenizer, post-processor or model entry: a `type` and its options. */
export interface PipelineStepJson {
  type?: string;
  [option: string]: unknown;
}

export function isTokenizerJson(value: unknown): value is TokenizerJson {
  if (typeof value !== "object" || value === null) return false;
  const { added_tokens: addedTokens, model } = value as TokenizerJson;
  return (addedTokens === undefined || Array.isArray(addedTokens)) && typeof model === "object" && model !== null;
}

/** The steps of a `Sequence` (normalizers, pre-tokenizers or processors), or the step itself. */
export function flattenSequence(step: PipelineStepJson, listKey: string): PipelineStepJson[] {
  if (step.type !== "Sequence") return [step];
  const steps = step[listKey];
  if (!Array.isArray(steps)) return [step];
  return (steps as PipelineStepJson[]).flatMap((inner) => flattenSequence(inner, listKey));
}
