import { scanTemplate, type Segment } from "../../render/scan-template.ts";
import { statementKeyword } from "./template-blocks.ts";

/**
 * Templates that write every message with the same code (`{% for m in messages %}<|im_start|>{{ m.role }}…`) have no
 * place that only assistant turns pass. For each loop over the messages, this gives the template with the loop's body
 * written twice, `{% if m.role == 'assistant' %}body{% else %}body{% endif %}`: the same text for every message, and
 * an assistant-only copy to put the markers in. The new tags take over the whitespace control of the loop's tags
 * (`-%}` of the `for`, `{%-` of the `endfor`), so the text stays byte-identical.
 */
export function withAssistantBranches(source: string): string[] {
  const segments = scanTemplate(source);
  const variants: string[] = [];
  for (const [index, segment] of segments.entries()) {
    if (segment.kind !== "statement" || statementKeyword(source, segment) !== "for") continue;
    const header = /^\{%[-+]?\s*for\s+(\w+)\s+in\s+([\s\S]*?)[-+]?%\}$/.exec(source.slice(segment.start, segment.end));
    if (!header || !/messages/.test(header[2]!)) continue;
    const close = bodyEnd(source, segments, index);
    if (!close) continue;
    const forRight = source[segment.end - 3] === "-" ? "-" : "";
    const closeLeft = source[close.start + 2] === "-" ? "-" : "";
    const body = source.slice(segment.end, close.start);
    variants.push(
      source.slice(0, segment.end) +
        `{% if ${header[1]}.role == 'assistant' ${forRight}%}${body}{%${closeLeft} else ${forRight}%}${body}{%${closeLeft} endif %}` +
        source.slice(close.start),
    );
  }
  return variants;
}

/** The `{% endfor %}` (or the loop's `{% else %}`) that ends the body of the `for` at `index`. */
function bodyEnd(source: string, segments: readonly Segment[], index: number): Segment | undefined {
  let depth = 0;
  for (const segment of segments.slice(index + 1)) {
    if (segment.kind !== "statement") continue;
    const keyword = statementKeyword(source, segment);
    if (["for", "if", "macro", "call", "filter", "block", "with"].includes(keyword)) depth++;
    else if (keyword === "set" && !source.slice(segment.start, segment.end).includes("=")) depth++;
    else if (keyword.startsWith("end")) {
      if (depth === 0) return keyword === "endfor" ? segment : undefined;
      depth--;
    } else if (keyword === "else" && depth === 0) return segment;
  }
  return undefined;
}
