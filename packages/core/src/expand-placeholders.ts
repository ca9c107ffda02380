import { InvalidConversationError } from "./errors.ts";

/** One kind of media placeholder and how many tokens each of its occurrences becomes, in order. */
export interface PlaceholderExpansion {
  /** The placeholder's token id in the rendered text (e.g. `<image>`, `<|image_pad|>`). */
  tokenId: number;
  /** Tokens per occurrence, in the order the placeholders appear (a number: the same for every occurrence). */
  lengths: number | number[];
  /** The id the expanded tokens carry (default: the placeholder's own, as most processors repeat it). */
  expandedId?: number;
}

export interface TokenRows {
  input_ids: number[];
  attention_mask?: number[];
  assistant_masks?: number[];
  labels?: number[];
}

/**
 * The rows after a processor's expansion of media placeholders, kept aligned: each placeholder becomes `lengths[i]`
 * tokens, which inherit the placeholder's attention and assistant mask and get `-100` labels (media tokens are
 * inputs, never targets). Python transformers computes `assistant_masks` before this expansion and does not re-align
 * them, so with an image in the conversation its masks come out shifted; expand the masks with the ids instead.
 */
export function expandPlaceholders<T extends TokenRows>(rows: T, expansions: readonly PlaceholderExpansion[]): T {
  const byId = new Map(expansions.map((expansion) => [expansion.tokenId, { expansion, seen: 0 }]));
  const out: Required<TokenRows> = { input_ids: [], attention_mask: [], assistant_masks: [], labels: [] };
  rows.input_ids.forEach((id, i) => {
    const entry = byId.get(id);
    const attention = rows.attention_mask?.[i] ?? 1;
    const mask = rows.assistant_masks?.[i] ?? 0;
    const label = rows.labels?.[i] ?? -100;
    if (!entry) {
      out.input_ids.push(id);
      out.attention_mask.push(attention);
      out.assistant_masks.push(mask);
      out.labels.push(label);
      return;
    }
    const { expansion } = entry;
    const length = typeof expansion.lengths === "number" ? expansion.lengths : expansion.lengths[entry.seen];
    if (length === undefined) {
      throw new InvalidConversationError(
        `placeholder token ${id}`,
        `occurrence ${entry.seen + 1} has no length: ${(expansion.lengths as number[]).length} lengths were given for more placeholders in the text`,
      );
    }
    entry.seen++;
    for (let k = 0; k < length; k++) {
      out.input_ids.push(expansion.expandedId ?? id);
      out.attention_mask.push(attention);
      out.assistant_masks.push(mask);
      out.labels.push(-100);
    }
  });
  for (const { expansion, seen } of byId.values()) {
    if (Array.isArray(expansion.lengths) && seen !== expansion.lengths.length) {
      throw new InvalidConversationError(
        `placeholder token ${expansion.tokenId}`,
        `${expansion.lengths.length} lengths were given but the text has ${seen} placeholders`,
      );
    }
  }
  const result: TokenRows = { ...rows, input_ids: out.input_ids };
  if (rows.attention_mask) result.attention_mask = out.attention_mask;
  if (rows.assistant_masks) result.assistant_masks = out.assistant_masks;
  if (rows.labels) result.labels = out.labels;
  return result as T;
}
