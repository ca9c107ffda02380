import { TemplateLimitError, TrainingTemplatesError } from "../../errors.ts";
import { fingerprint } from "../../fingerprint.ts";
import { hasGenerationMarkers } from "../../render/scan-template.ts";
import type { DeriveSpansOptions } from "../derive-spans.ts";
import { withAssistantBranches } from "./assistant-branch.ts";
import { chooseTagPlaces, type MissingPlace, type TagPair } from "./choose-tag-places.ts";
import { cutPoints } from "./cut-points.ts";
import { generationTag, insertAtCuts } from "./insert-at-cuts.ts";
import { stripGenerationTags } from "./strip-generation-tags.ts";
import { synthesisCases, type SynthesisCase } from "./synthesis-cases.ts";
import { traceCuts } from "./trace-cuts.ts";
import { turnSpans } from "./turn-spans.ts";

export type SynthesisResult =
  | {
      ok: true;
      /** The original with `{% generation %}` … `{% endgeneration %}` inserted (an expression cut in two where needed). */
      template: string;
      /** Conversations on which its text is the original's and its spans are the derived ones. */
      verified: number;
      /** Conversations on which only the text was checked (the derived masks refuse them: history rewritten, …). */
      textOnly: number;
      /** Conversations the original refuses: the synthesized template refuses them too. */
      refused: number;
      /** "synthesized, verified on N conversations" and what else was checked. */
      note: string;
    }
  | { ok: false; /** Why no training template could be synthesized, in words. */ reason: string };

const kept = new Map<string, SynthesisResult>();
const RESULTS_KEPT = 64;
/** How many times a placement that fails verification is chosen again with the failing conversation traced. */
const TRACE_ROUNDS = 4;
/** Conversations traced at first: the placement is then verified on all, and conversations that fail join the trace. */
const TRACED_AT_FIRST = 32;

/**
 * A training template for a chat template without (trustworthy) markers: the original's source with
 * `{% generation %}` … `{% endgeneration %}` inserted where the render passes exactly the start and end of each
 * assistant turn's derived span (`deriveAssistantSpans`), splitting an expression that writes both the role header
 * and the reply. Found by tracing where the render passes every candidate place on generated conversations, and
 * proven on all of them (the probes and a few hundred more): the text is byte-identical to the original's, a
 * conversation the original refuses is refused, and the spans equal the derived ones. Otherwise `{ ok: false }`
 * says why none could be made. Remembered by the template's fingerprint and the options.
 */
export function synthesizeTrainingTemplate(original: string, options: DeriveSpansOptions = {}): SynthesisResult {
  const key = `${fingerprint(original)}:${JSON.stringify([options.specialTokens ?? null, options.closingTokens ?? null, options.templateKwargs ?? null, options.limits ?? null])}`;
  const known = kept.get(key);
  if (known) return known;
  let result: SynthesisResult;
  try {
    result = synthesize(original, options);
  } catch (error) {
    if (!(error instanceof TemplateLimitError)) throw error;
    result = { ok: false, reason: `a render went past a limit, so the synthesis stopped (${error.message})` };
  }
  if (kept.size >= RESULTS_KEPT) kept.delete(kept.keys().next().value!);
  kept.set(key, result);
  return result;
}

function synthesize(original: string, options: DeriveSpansOptions): SynthesisResult {
  const cases = synthesisCases(original, options);
  const withSpans = cases.filter((entry) => entry.derived && entry.derived.length > 0);
  if (withSpans.length === 0) {
    const rendered = cases.filter((entry) => entry.text !== undefined).length;
    return {
      ok: false,
      reason: rendered === 0 ? `the template refuses all ${cases.length} generated conversations` : `derived masks verify on none of the ${cases.length} generated conversations, so there are no spans to reproduce`,
    };
  }
  const base = hasGenerationMarkers(original) ? stripGenerationTags(original) : original;
  let firstReason: string | undefined;
  for (const source of [base, ...withAssistantBranches(base)]) {
    const attempt = synthesizeFrom(source, cases, withSpans);
    if (attempt.ok) return attempt;
    firstReason ??= attempt.reason;
  }
  return { ok: false, reason: firstReason! };
}

function synthesizeFrom(source: string, cases: readonly SynthesisCase[], withSpans: readonly SynthesisCase[]): SynthesisResult {
  const cuts = cutPoints(source);
  let tracedCases = withSpans.slice(0, TRACED_AT_FIRST);
  let reason = "";
  for (let round = 0; round < TRACE_ROUNDS; round++) {
    const traceCases = tracedCases.map((entry) => ({ render: (template: string) => entry.render(template).text, text: entry.text! }));
    const { trace, traced } = traceCuts(source, cuts, traceCases);
    const { pairs, missing } = chooseTagPlaces(source, traced, trace, tracedCases.map((entry) => entry.derived!));
    if (missing) return { ok: false, reason: missingReason(missing) };
    const verdict = verify(insertTags(source, pairs), cases);
    if (verdict.ok) return verdict;
    reason = verdict.reason;
    // A conversation the traced ones did not show: trace it too, and choose again.
    if (!verdict.failed?.derived?.length || tracedCases.includes(verdict.failed)) break;
    tracedCases = [...tracedCases, verdict.failed];
  }
  return { ok: false, reason };
}

function missingReason(missing: MissingPlace): string {
  if (missing === "start") return "no place where a generation block could start is passed inside an assistant turn (the template writes each reply through a variable, or in a macro, together with text that is not trained such as the role header)";
  if (missing === "end") return "no place where a generation block could end is passed inside an assistant turn (the template writes each turn's end through a variable, or in a macro, together with the text after it)";
  return "no set of generation blocks marks exactly the assistant turns (where a turn starts or ends, the template writes it with untrained text in one expression, or in a block that cannot enclose the rest of the turn)";
}

function insertTags(source: string, pairs: readonly TagPair[]): string {
  return insertAtCuts(
    source,
    pairs.flatMap((pair) => [
      { cut: pair.start, write: generationTag(false) },
      { cut: pair.end, write: generationTag(true) },
    ]),
  );
}

type Verdict = (SynthesisResult & { ok: true }) | { ok: false; reason: string; failed?: SynthesisCase };

/** The synthesized template on every conversation: the original's text or refusal, and the derived spans. */
function verify(template: string, cases: readonly SynthesisCase[]): Verdict {
  let verified = 0;
  let textOnly = 0;
  let refused = 0;
  for (const [index, entry] of cases.entries()) {
    let rendered;
    try {
      rendered = entry.render(template);
    } catch (error) {
      if (!(error instanceof TrainingTemplatesError) || error instanceof TemplateLimitError) throw error;
      if (entry.text === undefined) {
        refused++;
        continue;
      }
      return { ok: false, reason: `the synthesized template fails on generated conversation ${index} that the original renders (${error.message})`, failed: entry };
    }
    if (entry.text === undefined) return { ok: false, reason: `the synthesized template renders generated conversation ${index}, which the original refuses`, failed: entry };
    if (rendered.text !== entry.text) return { ok: false, reason: `the synthesized template renders other text than the original on generated conversation ${index}`, failed: entry };
    if (!entry.derived) {
      textOnly++;
      continue;
    }
    if (JSON.stringify(turnSpans(template, rendered.spans)) !== JSON.stringify(entry.derived)) {
      return { ok: false, reason: `the synthesized template's spans differ from the derived ones on generated conversation ${index}`, failed: entry };
    }
    verified++;
  }
  const also = [textOnly > 0 ? `${textOnly} more with the text alone (derived masks refuse them)` : "", refused > 0 ? `${refused} the original refuses, refused too` : ""].filter(Boolean);
  return { ok: true, template, verified, textOnly, refused, note: `synthesized, verified on ${verified} conversations${also.length > 0 ? ` (${also.join("; ")})` : ""}` };
}
