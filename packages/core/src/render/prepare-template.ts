import { findGenerationTags, scanTemplate } from "./scan-template.ts";

/** Template variables that hold the span markers; set per render so a prepared template can be cached. */
export const OPEN_MARKER_VAR = "__training_templates_generation_open__";
export const CLOSE_MARKER_VAR = "__training_templates_generation_close__";

/**
 * Rewrites a chat template so that `@huggingface/jinja` renders it as Python Jinja2 would, with the output of every
 * `{% generation %}` block bracketed by marker characters:
 * - line endings become `\n`, as Jinja2's lexer normalises them (in data and in string literals alike);
 * - each generation tag becomes a block tag that prints a marker. The tag keeps its whitespace control and stays a
 *   block tag, so `{%- … -%}`, `lstrip_blocks` and `trim_blocks` act on it exactly as on the original tag:
 *   `{%L generation R%}` → `{%L if true %}<open>{% endif R%}`. `@huggingface/jinja` knows no `+` modifier, so a
 *   `+` side is written with the marker as an expression tag there, which neither lstrip nor trim_blocks touch;
 * - inside string literals, `{%`, `%}`, `{#`, `#}` and `-}` are written as `\x` escapes: `@huggingface/jinja` applies its
 *   block-trimming and generation-tag regexes to the raw source, string literals included, where they are text.
 */
export function prepareTemplate(template: string): string {
  const source = template.replace(/\r\n?/g, "\n");
  const segments = scanTemplate(source);
  const tags = findGenerationTags(source, segments);
  const edits: Array<{ start: number; end: number; text: string }> = tags.map((tag) => ({
    start: tag.start,
    end: tag.end,
    text: markerTag(tag.left, tag.right, tag.closing ? CLOSE_MARKER_VAR : OPEN_MARKER_VAR),
  }));
  for (const segment of segments) {
    for (const [start, end] of segment.strings) {
      const literal = source.slice(start, end);
      const escaped = escapeTagDelimiters(literal);
      if (escaped !== literal) edits.push({ start, end, text: escaped });
    }
  }
  edits.sort((a, b) => a.start - b.start);
  let out = "";
  let pos = 0;
  for (const edit of edits) {
    out += source.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return out + source.slice(pos);
}

function markerTag(left: string, right: string, variable: string): string {
  const marker = `{{ ${variable} }}`;
  if (left === "+" && right === "+") return marker;
  if (left === "+") return `${marker}{% if true %}{% endif ${right}%}`;
  if (right === "+") return `{%${left} if true %}{% endif %}${marker}`;
  return `{%${left} if true %}${marker}{% endif ${right}%}`;
}

function escapeTagDelimiters(literal: string): string {
  return literal
    .replace(/\{(?=[%#-])/g, "\\x7b")
    .replace(/([%#-])\}/g, (_, ch: string) => `\\x${ch.charCodeAt(0).toString(16)}}`);
}
