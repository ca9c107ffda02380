import { scanTemplate, type Segment } from "../../render/scan-template.ts";
import { expressionSplits, type ExpressionSplit } from "./expression-splits.ts";
import { blockContexts } from "./template-blocks.ts";

export type Modifier = "" | "-" | "+";

/**
 * A place in the template source where a generation tag can go without changing the text: between segments, inside
 * a data segment, or inside an expression that is cut in two there. `left`/`right` are the whitespace control the tag
 * needs to leave the surrounding whitespace as it was (`lstrip_blocks`, `trim_blocks` and the neighbours' `-`).
 */
export interface CutPoint {
  id: number;
  /** Source offset (for an expression split, where its left part ends): cut points sort by it. */
  at: number;
  /** The statement body it is in (see `BlockContext`). */
  body: string;
  /** The expression segment cut in two there, if any. */
  expression?: { segment: Segment; split: ExpressionSplit };
  left: Modifier;
  right: Modifier;
}

/** Long data (a default system prompt) is cut only near its ends and at its line breaks. */
const DATA_EDGE = 64;

/**
 * Every cut point inside a `{% for %}` body (where a chat template writes its turns) that is not in captured output
 * (a macro, a `{% set %}` capture, a filter block): transformers' span tracker places a block's span where the stream
 * stands, which is wrong there.
 */
export function cutPoints(source: string): CutPoint[] {
  const segments = scanTemplate(source);
  const contexts = blockContexts(source, segments);
  const cuts: CutPoint[] = [];
  const add = (at: number, contextIndex: number, cut: Omit<CutPoint, "id" | "at" | "body">) => {
    const context = contexts[contextIndex]!;
    if (!context.inLoop || context.captured) return;
    cuts.push({ id: cuts.length, at, body: context.body, ...cut });
  };
  for (const [index, segment] of segments.entries()) {
    const previous = segments[index - 1];
    // Between the previous segment and this one (a data segment's start is its inner cut at offset 0).
    if (segment.kind !== "data" && previous?.kind !== "data") add(segment.start, index, boundaryModifiers(source, previous, segment, segment.start));
    if (segment.kind === "data") {
      for (const at of dataCutOffsets(source, segment)) add(at, index, boundaryModifiers(source, previous, segment, at, segments[index + 1]));
    } else if (segment.kind === "expression") {
      for (const split of expressionSplits(source, segment)) add(split.leftEnd, index, { expression: { segment, split }, left: "", right: "" });
    }
  }
  const last = segments.at(-1);
  if (last && last.kind !== "data") add(last.end, segments.length, boundaryModifiers(source, last, undefined, last.end));
  return cuts;
}

/**
 * Offsets in a data segment where a tag may go, its start and end included; not inside the whitespace at either end
 * (a neighbour's `-`, `lstrip_blocks` or `trim_blocks` strips it, and a tag inside would keep part of it).
 */
function dataCutOffsets(source: string, segment: Segment): number[] {
  const offsets: number[] = [];
  const text = source.slice(segment.start, segment.end);
  const leading = segment.start + /^\s*/.exec(text)![0].length;
  const trailing = segment.end - /\s*$/.exec(text)![0].length;
  for (let at = segment.start; at <= segment.end; at++) {
    if ((at > segment.start && at < leading) || (at > trailing && at < segment.end)) continue;
    const near = at - segment.start <= DATA_EDGE || segment.end - at <= DATA_EDGE || source[at] === "\n" || source[at - 1] === "\n";
    // Never between the halves of a surrogate pair or of `\r\n`.
    const inside = /[\udc00-\udfff]/.test(source[at] ?? "") || (source[at - 1] === "\r" && source[at] === "\n");
    if (near && !inside) offsets.push(at);
  }
  return offsets;
}

function leftModifierOf(source: string, segment: Segment | undefined): Modifier {
  if (!segment || segment.kind === "data" || segment.kind === "raw") return "";
  const ch = source[segment.start + 2];
  return ch === "-" || ch === "+" ? ch : "";
}

function rightModifierOf(source: string, segment: Segment | undefined): Modifier {
  if (!segment || segment.kind === "data" || segment.kind === "raw") return "";
  const ch = source[segment.end - 3];
  return ch === "-" || ch === "+" ? ch : "";
}

/** Block tags and comments: the tags `lstrip_blocks` and `trim_blocks` act on. */
function isBlockLike(segment: Segment | undefined): segment is Segment {
  return segment?.kind === "statement" || segment?.kind === "comment";
}

/**
 * The whitespace control of a block tag put at `at`, so the text around renders as before: it takes over a `-` of the
 * tag it now stands between (`{{- x }}` would strip the whitespace before `at`, now the new tag's), the line-start
 * whitespace `lstrip_blocks` strips before a block tag and the newline `trim_blocks` strips after one; where no block
 * tag stood, `+` keeps `lstrip_blocks`/`trim_blocks` off it.
 * `before`/`after` are the segments around `at` (for a cut inside a data segment, `data` is it and `after` follows it).
 */
function boundaryModifiers(
  source: string,
  before: Segment | undefined,
  data: Segment | undefined,
  at: number,
  afterData?: Segment,
): { left: Modifier; right: Modifier } {
  const inData = data?.kind === "data";
  const dataStart = inData ? data.start : at;
  const dataEnd = inData ? data.end : at;
  // The segments touching `at` directly (undefined where data is on that side).
  const touchingBefore = at === dataStart ? before : undefined;
  const touchingAfter = inData ? (at === dataEnd ? afterData : undefined) : data;
  const textBefore = source.slice(dataStart, at);
  const textAfter = source.slice(at, dataEnd);
  let left: Modifier = "";
  if (leftModifierOf(source, touchingAfter) === "-") left = "-";
  else if (atLineStartAfterSpaces(source, textBefore, dataStart)) left = isBlockLike(touchingAfter) && leftModifierOf(source, touchingAfter) !== "+" ? "" : "+";
  let right: Modifier = "";
  if (rightModifierOf(source, touchingBefore) === "-") right = "-";
  else if (/^\r?\n/.test(textAfter)) right = isBlockLike(touchingBefore) && rightModifierOf(source, touchingBefore) !== "+" ? "" : "+";
  return { left, right };
}

/** Whether `textBefore` (data starting at `dataStart`) ends with spaces or tabs that begin a line: `lstrip_blocks` strips them. */
function atLineStartAfterSpaces(source: string, textBefore: string, dataStart: number): boolean {
  const match = /(^|\n)[ \t]+$/.exec(textBefore);
  if (!match) return false;
  return match[1] === "\n" || dataStart === 0 || source[dataStart - 1] === "\n";
}
