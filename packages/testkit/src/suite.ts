import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  detectTemplate,
  fingerprint,
  getTrainingChatTemplate,
  hasGenerationMarkers,
  normalizedFingerprint,
  createRegistry,
  type TokenizerLike,
} from "@training-templates/core";
import { beforeAll, describe, expect, it } from "vitest";
import { buildCases, type Case } from "./cases.ts";
import type { ConformanceOptions, OriginalPatch } from "./options.ts";
import { checkPythonParity } from "./python-checks.ts";
import { referencePython } from "./python/reference-python.ts";
import { checkAssistantSpans, checkTextPrefixPreservation } from "./span-checks.ts";
import { checkDeclaredDifferences, checkTextIdentity, type Failure } from "./text-checks.ts";
import { checkRenderForTraining } from "./training-render-checks.ts";
import { checkAdaptersAgree, checkStopTokenTrained, checkTokenPrefixPreservation } from "./token-checks.ts";
import { loadTokenizerAdapters } from "./tokenizers.ts";
import { checkTransformersParity } from "./transformers-checks.ts";

/** Shown per failing check: enough to act on without drowning the report. */
const FAILURES_SHOWN = 3;

function assertNoFailures(failures: Failure[], what: string, total: number) {
  if (failures.length === 0) return;
  const shown = failures.slice(0, FAILURES_SHOWN).map((failure) => failure.message).join("\n\n---\n\n");
  expect.fail(`${failures.length} of ${total} cases fail: ${what}\n\n${shown}${failures.length > FAILURES_SHOWN ? `\n\n(${failures.length - FAILURES_SHOWN} more)` : ""}`);
}

function readOriginal(original: ConformanceOptions["original"]): string {
  // Bytes, decoded as UTF-8 without any newline translation: one original holds `\r\n` that must stay.
  return "text" in original ? original.text : new TextDecoder("utf-8", { fatal: true }).decode(readFileSync(original.path));
}

export function applyOriginalPatches(original: string, patches: OriginalPatch[]): string {
  let patched = original;
  for (const patch of patches) {
    const at = patched.indexOf(patch.find);
    if (at === -1 || patched.indexOf(patch.find, at + 1) !== -1) {
      throw new Error(`The kit's patch must match the original exactly once (${at === -1 ? "no match" : "several matches"}): ${JSON.stringify(patch.find)}`);
    }
    patched = patched.slice(0, at) + patch.replace + patched.slice(at + patch.find.length);
  }
  return patched;
}

/**
 * Registers the conformance suite for one training template under vitest: generated conversations (seeded, at
 * least 200 per kwargs set) rendered by the vendor's original and by the training template, compared as text, with
 * Python Jinja2 and Python transformers, and checked for mask invariants with every tokenizer adapter.
 */
export function describeConformance(options: ConformanceOptions): void {
  const { variant } = options;
  const now = options.now ?? new Date(2025, 6, 26, 10, 30, 0);
  const endOfTurnTokens = options.endOfTurnTokens ?? [variant.endOfTurn];
  // The variant's own patches, which the library checks each record against, unless the test states others.
  const originalPatches = options.originalPatches ?? variant.originalPatches ?? [];

  describe(`${variant.id} conformance (tokenizer: ${options.tokenizer.description})`, () => {
    let original: string;
    let expectation: string;
    let cases: Case[];
    let acceptedCount: number;
    let native: TokenizerLike;
    let others: TokenizerLike[];

    beforeAll(async () => {
      original = readOriginal(options.original);
      expectation = applyOriginalPatches(original, originalPatches);
      cases = buildCases(options, original, expectation, now);
      acceptedCount = cases.filter((c) => c.training.ok).length;
      ({ native, others } = await loadTokenizerAdapters(options.tokenizer.dir));
    });

    it("is registered under the original's fingerprints and carries generation markers", () => {
      expect(hasGenerationMarkers(variant.template), "the training template has {% generation %} markers").toBe(true);
      if (variant.originalSha256.length === 0) {
        // A template for models that ship none (base models): the kit's original is a reference rendering of the
        // format, not a vendor's file, so there is nothing to recognise.
        expect(variant.originalNormalizedSha256, "no original, no normalised fingerprint").toEqual([]);
        return;
      }
      expect(variant.originalSha256, "the original's sha256 is listed").toContain(fingerprint(original));
      expect(variant.originalNormalizedSha256, "its normalised sha256 is listed").toContain(normalizedFingerprint(original));
      const registry = createRegistry([{ family: variant.family, displayName: variant.family, variants: [variant] }]);
      expect(detectTemplate(original, registry)).toMatchObject({ variant: { id: variant.id }, matchedBy: "fingerprint" });
      const edited = original.replace(/\r?\n/g, "  \r\n") + "\n";
      expect(detectTemplate(edited, registry)).toMatchObject({ variant: { id: variant.id }, matchedBy: "normalized" });
      if (hasGenerationMarkers(original) && variant.template === original) {
        // The vendor ships markers that pass the kit: the original is its own training template, used as it is.
        expect(getTrainingChatTemplate(original, { registry }), "an original with right markers needs no replacement").toBeNull();
      } else {
        // No markers, or the vendor's markers are wrong and the variant corrects them: the variant replaces it.
        expect(getTrainingChatTemplate(original, { registry })?.chatTemplate).toBe(variant.template);
        expect(getTrainingChatTemplate(variant.template, { registry }), "the training template itself needs no replacement").toBeNull();
      }
    });

    it("generates enough conversations the original accepts", () => {
      expect(cases.length).toBeGreaterThanOrEqual(200);
      expect(acceptedCount, "accepted conversations: the generator's features must fit the variant").toBeGreaterThanOrEqual(Math.ceil(cases.length / 2));
    });

    it("renders exactly the original's text and rejects what it rejects", () => {
      assertNoFailures(checkTextIdentity(cases, variant), "text identity with the original", cases.length);
    });

    if (originalPatches.length > 0) {
      it("differs from the unpatched original only where the variant says so", () => {
        assertNoFailures(checkDeclaredDifferences(cases, variant), "declared text differences", cases.length);
      });
    }

    it("trains each record through renderForTraining on the original's text or its declared patches, never silently otherwise", () => {
      if (variant.textDiffersFromOriginal) {
        // Without patches, renderForTraining takes the declaration on trust for every record it covers.
        expect(variant.originalPatches?.length ?? 0, `${variant.id} declares textDiffersFromOriginal: state the difference as its originalPatches`).toBeGreaterThan(0);
      }
      assertNoFailures(checkRenderForTraining(cases, variant, original, now), "renderForTraining per record (strategy fingerprint)", cases.length);
    });

    it("matches Python Jinja2 with transformers' settings (original and training template, text and spans)", async () => {
      assertNoFailures(await checkPythonParity(cases, variant, original, now, options.python), "Python Jinja2 parity", cases.length);
    });

    it("trains one region per assistant turn: its output and end-of-turn token, no header, no prompt", () => {
      assertNoFailures(
        checkAssistantSpans(cases, { variant, expectationTemplate: expectation, endOfTurnTokens, now }),
        "assistant spans",
        acceptedCount,
      );
    });

    it("keeps earlier turns' text and spans when messages are appended", () => {
      assertNoFailures(checkTextPrefixPreservation(cases, variant, now), "text prefix preservation", acceptedCount);
    });

    it("keeps earlier turns' tokens when messages are appended", async () => {
      assertNoFailures(await checkTokenPrefixPreservation(cases, variant, native, now), "token prefix preservation", acceptedCount);
    });

    it("trains the end-of-turn token", async () => {
      assertNoFailures(await checkStopTokenTrained(cases, native, endOfTurnTokens), "stop token trained", acceptedCount);
    });

    it("gives the same ids and assistant_masks with every tokenizer adapter", async () => {
      expect(others.length, "pure-JS adapters to compare").toBeGreaterThan(0);
      assertNoFailures(await checkAdaptersAgree(cases, native, others), "tokenizer adapters agree", acceptedCount);
    });

    it("gives the same assistant_masks as Python transformers' apply_chat_template", async () => {
      const python = options.transformersPython ?? (await referencePython());
      const perSet = options.transformersConversations ?? 40;
      const sample = cases.filter((c) => c.index % Math.max(1, Math.floor(cases.length / (perSet * (options.kwargsSets?.length ?? 1)))) === 0);
      assertNoFailures(await checkTransformersParity(sample, variant, native, join(options.tokenizer.dir), python), "transformers parity", sample.length);
    }, 600_000);
  });
}
