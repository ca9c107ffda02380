import { buildTemplateContext, DerivedMasksError, deriveAssistantSpans, renderChat, sampleConversations, TrainingTemplatesError } from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { corpusOriginals, PROOF_NOW } from "./corpus-originals.ts";

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

describe("derived masks equal the curated training templates' masks", () => {
  const rows: string[] = [];
  for (const { file, original, variant, specialTokens, closingTokens } of corpusOriginals()) {
    it(`${variant.id} (${file}; special tokens from index.json and the template's <|…|> literals)`, () => {
      const tally = { agree: 0, differ: 0, explained: 0, refused: 0, textDiffers: 0, rejected: 0 };
      const unexplained: string[] = [];
      for (const conversation of sampleConversations({ seed: 11, count: 60, features: { tools: variant.supportsTools, documents: true, maxTurns: 3 } })) {
        const context = buildTemplateContext(conversation, specialTokens, variant.defaultKwargs);
        let curated;
        let originalText;
        try {
          curated = renderChat(variant.template, context, { now: PROOF_NOW });
          originalText = renderChat(original, context, { now: PROOF_NOW }).text;
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
          derived = deriveAssistantSpans(original, conversation, { specialTokens, closingTokens, ...(variant.defaultKwargs ? { templateKwargs: variant.defaultKwargs } : {}), now: PROOF_NOW });
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
