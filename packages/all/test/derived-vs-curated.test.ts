import { readFileSync } from "node:fs";
import { originalTemplatePath } from "@training-templates/testkit";
import { buildTemplateContext, DerivedMasksError, deriveAssistantSpans, fingerprint, renderChat, sampleConversations, TrainingTemplatesError } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { registry } from "../src/index.ts";

/**
 * The curated training templates are the ground truth for derived masks: on the kit's generated conversations, for
 * every original in the corpus, the spans derived from the original's own renders must equal the curated template's
 * spans wherever the curated template renders the original's text. Each variant where they still differ names the
 * reason below, and every differing turn must have exactly that shape.
 */
interface Explanation {
  why: string;
  /** True when a curated span and the derived span of the same turn differ in the explained way. */
  explains(curated: string, derived: string): boolean;
}

const trainsNextRoleToken: Explanation = {
  why: "GLM's curated template trains the next role token (<|user|>, <|observation|>), the stop tokens GLM's generation config names; derived masks stop at the turn's text",
  explains: (curated, derived) => /^(<\|user\|>|<\|observation\|>)$/.test(curated.slice(derived.length)) && curated.startsWith(derived),
};
const vendorTrainsNewline: Explanation = {
  why: "the vendor's own markers (LFM2.5) also train the newline after <|im_end|>; derived masks stop at the token",
  explains: (curated, derived) => curated === `${derived}\n`,
};
const promptOpensThinkBlock: Explanation = {
  why: "the generation prompt opens an empty think block while the turn writes its reasoning: derived masks start after the prompt's `<think>\\n` line the two share, the curated template trains it",
  explains: (curated, derived) => curated === `<think>\n${derived}`,
};

const EXPLAINED: Record<string, Explanation> = {
  "glm-4.5": trainsNextRoleToken,
  "lfm2.5": vendorTrainsNewline,
  "lfm2-2.5-vl": vendorTrainsNewline,
  "qwen-3.5-nothink": promptOpensThinkBlock,
};

interface IndexEntry {
  file: string;
  bos_token?: string | null;
  eos_token?: string | null;
  pad_token?: string | null;
}

const entries = (JSON.parse(readFileSync(originalTemplatePath("index.json"), "utf8")) as IndexEntry[]).filter((entry) => entry.file?.endsWith(".jinja"));
const now = () => new Date(2025, 0, 15, 12, 0, 0);
/** Special-token-like literals of the template: the corpus has no tokenizer for most families, so these stand in for the tokenizer's special tokens. */
const SPECIAL_LITERAL = /<\|[^<>|\s]+\|>|<｜[^<>\s]+｜>/g;

describe("derived masks equal the curated training templates' masks", () => {
  const rows: string[] = [];
  for (const entry of entries) {
    const original = readFileSync(originalTemplatePath(entry.file), "utf8");
    const variant = registry.variants.find((candidate) => candidate.originalSha256.includes(fingerprint(original)));
    if (!variant) continue;
    it(`${variant.id} (${entry.file}; special tokens from index.json and the template's <|…|> literals)`, () => {
      const specialTokens: Record<string, string> = { ...variant.specialTokens };
      for (const key of ["bos_token", "eos_token", "pad_token"] as const) if (entry[key]) specialTokens[key] = entry[key]!;
      const closingTokens = [variant.endOfTurn, ...(original.match(SPECIAL_LITERAL) ?? [])];
      const tally = { agree: 0, differ: 0, explained: 0, refused: 0, textDiffers: 0, rejected: 0 };
      const unexplained: string[] = [];
      for (const conversation of sampleConversations({ seed: 11, count: 60, features: { tools: variant.supportsTools, documents: true, maxTurns: 3 } })) {
        const context = buildTemplateContext(conversation, specialTokens, variant.defaultKwargs);
        let curated;
        let originalText;
        try {
          curated = renderChat(variant.template, context, { now });
          originalText = renderChat(original, context, { now }).text;
        } catch (error) {
          if (!(error instanceof TrainingTemplatesError)) throw error;
          tally.rejected++;
          continue;
        }
        if (curated.text !== originalText) {
          tally.textDiffers++;
          continue;
        }
        let derived;
        try {
          derived = deriveAssistantSpans(original, conversation, { specialTokens, closingTokens, ...(variant.defaultKwargs ? { templateKwargs: variant.defaultKwargs } : {}), now });
        } catch (error) {
          if (!(error instanceof DerivedMasksError)) throw error;
          tally.refused++;
          continue;
        }
        expect(derived.text).toBe(curated.text);
        if (JSON.stringify(derived.spans) === JSON.stringify(curated.spans)) {
          tally.agree++;
          continue;
        }
        tally.differ++;
        const explanation = EXPLAINED[variant.id];
        const quote = (spans: typeof derived.spans) => spans.map(([start, end]) => curated.text.slice(start, end));
        const [ours, theirs] = [quote(derived.spans), quote(curated.spans)];
        const explained =
          explanation !== undefined && ours.length === theirs.length && ours.every((span, k) => span === theirs[k] || explanation.explains(theirs[k]!, span));
        if (explained) tally.explained++;
        else unexplained.push(`curated ${JSON.stringify(theirs)}\nderived ${JSON.stringify(ours)}`);
      }
      rows.push(`${variant.id.padEnd(30)} ${JSON.stringify(tally)}${EXPLAINED[variant.id] ? ` — ${EXPLAINED[variant.id]!.why}` : ""}`);
      console.log(rows.at(-1));
      expect(unexplained, `${variant.id}: spans that differ with no explanation`).toEqual([]);
      // Derived masks must serve most conversations the curated template renders as the original does.
      expect(tally.agree + tally.explained, `${variant.id}: derived masks agree on some conversations`).toBeGreaterThan(0);
    });
  }
});
