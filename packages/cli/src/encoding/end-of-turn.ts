import { registry } from "@training-templates/all";
import { specialTokensFromConfig, type TokenizerConfig } from "@training-templates/core";

export interface EndOfTurn {
  token: string;
  /** Where it came from, for messages: `qwen-3` or `the tokenizer's eos_token`. */
  source: string;
}

const byTemplate = new Map<string, EndOfTurn | undefined>();

/**
 * The end-of-turn token of a template: the `endOfTurn` of the registry variant whose training template it is, else
 * the tokenizer's `eos_token` (what a chat model's tokenizer names as the token that ends its turns).
 */
export function endOfTurnFor(template: string, config: TokenizerConfig | undefined): EndOfTurn | undefined {
  if (!byTemplate.has(template)) {
    const variant = registry.variants.find((candidate) => candidate.template === template);
    byTemplate.set(template, variant ? { token: variant.endOfTurn, source: variant.id } : undefined);
  }
  const known = byTemplate.get(template);
  if (known) return known;
  const eos = specialTokensFromConfig(config).eos_token;
  return eos ? { token: eos, source: "the tokenizer's eos_token" } : undefined;
}
