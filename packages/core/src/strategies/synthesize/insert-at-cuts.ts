import type { Segment } from "../../render/scan-template.ts";
import type { CutPoint, Modifier } from "./cut-points.ts";

/** What to write at a cut point, given the whitespace control the place needs. */
export type TagWriter = (left: Modifier, right: Modifier) => string;

/**
 * The source with `write(cut)` inserted at each cut point, everything else byte for byte as it was. An expression
 * cut at one or more points becomes several expressions (`{{- a + b }}` → `{{- a }}…{{ b }}`), the first keeping
 * the original's opening and the last its closing whitespace control.
 */
export function insertAtCuts(source: string, insertions: ReadonlyArray<{ cut: CutPoint; write: TagWriter }>): string {
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const bySegment = new Map<Segment, Array<{ cut: CutPoint; write: TagWriter }>>();
  for (const insertion of insertions) {
    const { cut } = insertion;
    if (!cut.expression) {
      edits.push({ start: cut.at, end: cut.at, text: insertion.write(cut.left, cut.right) });
      continue;
    }
    const list = bySegment.get(cut.expression.segment) ?? [];
    list.push(insertion);
    bySegment.set(cut.expression.segment, list);
  }
  for (const [segment, list] of bySegment) {
    list.sort((a, b) => a.cut.expression!.split.leftEnd - b.cut.expression!.split.leftEnd);
    let text = "";
    let from = segment.start;
    for (const { cut, write } of list) {
      const { split } = cut.expression!;
      // At an operator, the spaces around it go with it: `a + b` → `{{ a }}…{{ b }}`.
      text += `${trimAtOperator(source.slice(from, split.leftEnd), split)}${split.leftClose} }}${write("", "")}{{ ${split.rightOpen}`;
      from = split.rightStart;
      if (!split.rightOpen) while (/\s/.test(source[from] ?? "")) from++;
    }
    edits.push({ start: segment.start, end: segment.end, text: text + source.slice(from, segment.end) });
  }
  // Boundary insertions at a segment's edge come before or after its rewrite; sort stably by position.
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = "";
  let pos = 0;
  for (const edit of edits) {
    out += source.slice(pos, edit.start) + edit.text;
    pos = edit.end;
  }
  return out + source.slice(pos);
}

function trimAtOperator(text: string, split: { leftClose: string }): string {
  return split.leftClose ? text : text.trimEnd();
}

/** A `{% generation %}` or `{% endgeneration %}` tag with the given whitespace control. */
export function generationTag(closing: boolean): TagWriter {
  return (left, right) => `{%${left} ${closing ? "endgeneration" : "generation"} ${right}%}`;
}
