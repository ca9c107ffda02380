import { readFileSync } from "node:fs";
import { fingerprint, type TrainingTemplate } from "@training-templates/core";
import { originalTemplatePath } from "@training-templates/testkit";
import { registry } from "../src/index.ts";

interface IndexEntry {
  file: string;
  bos_token?: string | null;
  eos_token?: string | null;
  pad_token?: string | null;
}

/** An original of the corpus with its curated variant, and the tokens to render it with. */
export interface CorpusOriginal {
  file: string;
  original: string;
  variant: TrainingTemplate;
  /** The variant's special tokens, with the real ones `index.json` records for the original's models. */
  specialTokens: Record<string, string>;
  /**
   * The variant's end-of-turn token and the template's special-token-like literals (`<|…|>`, `<｜…｜>`): the corpus
   * has no tokenizer for most families, so these stand in for the tokenizer's special tokens.
   */
  closingTokens: string[];
}

const SPECIAL_LITERAL = /<\|[^<>|\s]+\|>|<｜[^<>\s]+｜>/g;

/** Every original in `../shared/templates/originals/` that a registered variant replaces, read as bytes. */
export function corpusOriginals(): CorpusOriginal[] {
  const entries = JSON.parse(readFileSync(originalTemplatePath("index.json"), "utf8")) as IndexEntry[];
  return entries.flatMap((entry) => {
    if (!entry.file?.endsWith(".jinja")) return [];
    const original = readFileSync(originalTemplatePath(entry.file), "utf8");
    const variant = registry.variants.find((candidate) => candidate.originalSha256.includes(fingerprint(original)));
    if (!variant) return [];
    const specialTokens: Record<string, string> = { ...variant.specialTokens };
    for (const key of ["bos_token", "eos_token", "pad_token"] as const) if (entry[key]) specialTokens[key] = entry[key]!;
    return [{ file: entry.file, original, variant, specialTokens, closingTokens: [variant.endOfTurn, ...(original.match(SPECIAL_LITERAL) ?? [])] }];
  });
}

/** The fixed clock both proofs render with. */
export const PROOF_NOW = () => new Date(2025, 0, 15, 12, 0, 0);
