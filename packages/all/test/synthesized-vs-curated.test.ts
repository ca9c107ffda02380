import {
  buildTemplateContext,
  DerivedMasksError,
  deriveAssistantSpans,
  renderChat,
  sampleConversations,
  synthesizeTrainingTemplate,
  TrainingTemplatesError,
  turnSpans,
} from "@training-templates/core";
import { describe, expect, it } from "vitest";
import { corpusOriginals, PROOF_NOW as now } from "./corpus-originals.ts";

/**
 * The curated training templates are the ground truth for synthesized ones too. For every original of the corpus
 * with a curated variant, the synthesized template (made without the registry) must render the original's text and
 * mark the derived spans wherever they verify (so every difference from the curated template is one that
 * `derived-vs-curated.test.ts` explains), and where derived masks are refused (history rewritten) its spans are
 * compared with the curated template's directly and must agree.
 */
describe("synthesized training templates against the curated ones", () => {
  const rows: string[] = [];
  const outcome = { synthesized: 0, withDerivedMasks: 0 };
  for (const { file, original, variant, specialTokens, closingTokens } of corpusOriginals()) {
    it(`${variant.id} (${file})`, () => {
      const options = {
        specialTokens,
        closingTokens,
        ...(variant.defaultKwargs ? { templateKwargs: variant.defaultKwargs } : {}),
      };
      const synthesis = synthesizeTrainingTemplate(original, options);
      if (!/derived masks verify on none/.test(synthesis.ok ? "" : synthesis.reason)) outcome.withDerivedMasks++;
      if (!synthesis.ok) {
        rows.push(`${variant.id.padEnd(30)} not synthesized: ${synthesis.reason}`);
        console.log(rows.at(-1));
        return;
      }
      outcome.synthesized++;
      const tally = { equalsDerived: 0, historyRewrittenAgreesWithCurated: 0, historyRewrittenDiffers: 0, curatedTextDiffers: 0, rejected: 0 };
      const differing: string[] = [];
      for (const conversation of sampleConversations({ seed: 11, count: 60, features: { tools: variant.supportsTools, documents: true, maxTurns: 3 } })) {
        const context = buildTemplateContext(conversation, specialTokens, variant.defaultKwargs);
        let originalText: string;
        try {
          originalText = renderChat(original, context, { now }).text;
        } catch (error) {
          if (!(error instanceof TrainingTemplatesError)) throw error;
          tally.rejected++;
          continue;
        }
        const synthesized = renderChat(synthesis.template, context, { now });
        expect(synthesized.text).toBe(originalText);
        const spans = turnSpans(synthesis.template, synthesized.spans);
        try {
          expect(spans).toEqual(deriveAssistantSpans(original, conversation, { ...options, now }).spans);
          tally.equalsDerived++;
          continue;
        } catch (error) {
          if (!(error instanceof DerivedMasksError)) throw error;
        }
        const curated = renderChat(variant.template, context, { now });
        if (curated.text !== originalText) {
          tally.curatedTextDiffers++;
          continue;
        }
        const quote = (list: ReadonlyArray<readonly [number, number]>) => list.map(([start, end]) => originalText.slice(start, end));
        if (JSON.stringify(quote(spans)) === JSON.stringify(quote(curated.spans.filter(([start, end]) => end > start)))) tally.historyRewrittenAgreesWithCurated++;
        else {
          tally.historyRewrittenDiffers++;
          differing.push(`curated ${JSON.stringify(quote(curated.spans.filter(([start, end]) => end > start)))}\nsynthesized ${JSON.stringify(quote(spans))}`);
        }
      }
      rows.push(`${variant.id.padEnd(30)} ${JSON.stringify(tally)}`);
      console.log(rows.at(-1));
      expect(tally.equalsDerived, `${variant.id}: the synthesized template marks the derived spans somewhere`).toBeGreaterThan(0);
      expect(differing.slice(0, 3), `${variant.id}: where derived masks are refused, synthesized and curated spans differ`).toEqual([]);
    });
  }
  it("most originals whose derived masks verify get a synthesized template", () => {
    expect(outcome.synthesized / outcome.withDerivedMasks).toBeGreaterThan(0.6);
  });
});
