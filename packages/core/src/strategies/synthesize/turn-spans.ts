import { findGenerationTags } from "../../render/scan-template.ts";
import { memoizeByTemplate } from "../../render/template-memo.ts";
import type { Span } from "../../types.ts";
import { mergeTouchingSpans } from "./merge-touching-spans.ts";

/** How many `{% generation %}` blocks a template has, remembered per template (asked once per record). */
const blockCount = memoizeByTemplate(64, (template) => findGenerationTags(template).filter((tag) => !tag.closing).length);

/**
 * A synthesized template's spans, one per assistant turn as the derived spans are: with one generation block, each
 * block's output is one turn (empty ones dropped; two turns can touch when the template writes nothing between them,
 * and stay two); with several, a turn written at different depths comes out as touching pieces, which are joined.
 */
export function turnSpans(template: string, spans: readonly Span[]): Array<[number, number]> {
  if (blockCount(template) > 1) return mergeTouchingSpans(spans);
  return spans.filter(([start, end]) => end > start).map(([start, end]) => [start, end]);
}
