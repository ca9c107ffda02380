import type { Segment } from "../../render/scan-template.ts";

/** Where a point of the source sits in the template's block structure. */
export interface BlockContext {
  /**
   * The statement body the point is in, as a path of `opener.branch` (`12.0/40.1`): two points can hold a
   * `{% generation %}` … `{% endgeneration %}` pair only when they are in the same body (Jinja2 parses the pair as a
   * block, so it must nest as `if` and `for` do).
   */
  body: string;
  /** Inside a `{% for %}` body: where a chat template writes its turns. */
  inLoop: boolean;
  /**
   * Inside a macro, a `{% call %}`, a `{% filter %}`, a `{% set %}` capture or a raw block: output there is captured
   * and printed (or transformed) elsewhere, and transformers' tracker puts a block's span at the wrong place.
   */
  captured: boolean;
}

interface OpenBlock {
  opener: number;
  branch: number;
  keyword: string;
}

const CAPTURING = new Set(["macro", "call", "filter", "set", "raw"]);
const OPENERS = new Set(["for", "if", "macro", "call", "filter", "set", "raw", "block", "with", "generation", "autoescape"]);

/** The statement keyword of a `{% … %}` segment (`for`, `endif`, `else`, …). */
export function statementKeyword(source: string, segment: Segment): string {
  return /^\{%[-+]?\s*(\w+)/.exec(source.slice(segment.start, segment.end))?.[1] ?? "";
}

/** `{% set x %}` (a capture block) as opposed to `{% set x = value %}`. */
function isSetBlock(source: string, segment: Segment): boolean {
  let text = source.slice(segment.start, segment.end);
  for (const [start, end] of [...segment.strings].reverse()) text = text.slice(0, start - segment.start) + text.slice(end - segment.start);
  return !text.includes("=");
}

/** The block context before each segment (index `i`), and after the last one (index `segments.length`). */
export function blockContexts(source: string, segments: readonly Segment[]): BlockContext[] {
  const stack: OpenBlock[] = [];
  const contexts: BlockContext[] = [];
  const current = (): BlockContext => ({
    body: stack.map((block) => `${block.opener}.${block.branch}`).join("/"),
    inLoop: stack.some((block) => block.keyword === "for"),
    captured: stack.some((block) => CAPTURING.has(block.keyword)),
  });
  for (const [index, segment] of segments.entries()) {
    contexts.push(current());
    if (segment.kind !== "statement") continue;
    const keyword = statementKeyword(source, segment);
    if (keyword === "set" && !isSetBlock(source, segment)) continue;
    if (OPENERS.has(keyword)) stack.push({ opener: index, branch: 0, keyword });
    else if ((keyword === "elif" || keyword === "else") && stack.length > 0) stack.at(-1)!.branch++;
    else if (keyword.startsWith("end") && stack.length > 0) stack.pop();
  }
  contexts.push(current());
  return contexts;
}
