import { memoizeByTemplate } from "./template-memo.ts";

/**
 * A lexical pass over Jinja source that knows where tags, expressions, comments, raw blocks and string literals
 * are. Finding `{% generation %}` tags with a plain regex would also find them inside string literals and comments,
 * where they are text.
 */

export type SegmentKind = "data" | "statement" | "expression" | "comment" | "raw";

export interface Segment {
  kind: SegmentKind;
  /** `[start, end)` of the whole segment in the source, delimiters included. */
  start: number;
  end: number;
  /** For statements and expressions: the string literals inside, as `[start, end)` source ranges including quotes. */
  strings: Array<[number, number]>;
}

const OPENERS: Record<string, SegmentKind> = { "{%": "statement", "{{": "expression", "{#": "comment" };
const CLOSERS: Record<SegmentKind, string> = { statement: "%}", expression: "}}", comment: "#}", data: "", raw: "" };

/** Splits template source into segments. Unterminated tags run to the end (the parser reports them). */
export function scanTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let pos = 0;
  let dataStart = 0;
  const pushData = (end: number) => {
    if (end > dataStart) segments.push({ kind: "data", start: dataStart, end, strings: [] });
  };
  while (pos < source.length) {
    const open = source.indexOf("{", pos);
    if (open === -1) break;
    const kind = OPENERS[source.slice(open, open + 2)];
    if (!kind) {
      pos = open + 1;
      continue;
    }
    pushData(open);
    const segment = kind === "comment" ? scanComment(source, open) : scanTag(source, open, kind);
    segments.push(segment);
    pos = segment.end;
    if (kind === "statement" && /^\{%[-+]?\s*raw\s*[-+]?%\}$/.test(source.slice(segment.start, segment.end))) {
      pos = scanRaw(source, pos, segments);
    }
    dataStart = pos;
  }
  dataStart = Math.min(dataStart, source.length);
  pushData(source.length);
  return segments;
}

function scanComment(source: string, open: number): Segment {
  const close = source.indexOf("#}", open + 2);
  const end = close === -1 ? source.length : close + 2;
  return { kind: "comment", start: open, end, strings: [] };
}

function scanTag(source: string, open: number, kind: SegmentKind): Segment {
  const closer = CLOSERS[kind];
  const strings: Array<[number, number]> = [];
  let pos = open + 2;
  while (pos < source.length) {
    const ch = source[pos];
    if (ch === "'" || ch === '"') {
      const stringEnd = endOfString(source, pos);
      strings.push([pos, stringEnd]);
      pos = stringEnd;
      continue;
    }
    if (source.startsWith(closer, pos)) return { kind, start: open, end: pos + 2, strings };
    pos++;
  }
  return { kind, start: open, end: source.length, strings };
}

function endOfString(source: string, quotePos: number): number {
  const quote = source[quotePos];
  let pos = quotePos + 1;
  while (pos < source.length) {
    const ch = source[pos];
    if (ch === "\\") pos += 2;
    else if (ch === quote) return pos + 1;
    else pos++;
  }
  return source.length;
}

/** After `{% raw %}`: everything up to `{% endraw %}` is one raw segment. Returns the position after endraw. */
function scanRaw(source: string, pos: number, segments: Segment[]): number {
  const endRaw = /\{%[-+]?\s*endraw\s*[-+]?%\}/g;
  endRaw.lastIndex = pos;
  const match = endRaw.exec(source);
  const rawEnd = match ? match.index : source.length;
  if (rawEnd > pos) segments.push({ kind: "raw", start: pos, end: rawEnd, strings: [] });
  if (!match) return source.length;
  const end = match.index + match[0].length;
  segments.push({ kind: "statement", start: match.index, end, strings: [] });
  return end;
}

const GENERATION_TAG = /^\{%([-+]?)\s*(end)?generation\s*([-+]?)%\}$/;

export interface GenerationTag {
  start: number;
  end: number;
  closing: boolean;
  /** Whitespace control written on the tag: `-` trims, `+` disables lstrip/trim, `` is the environment's default. */
  left: "" | "-" | "+";
  right: "" | "-" | "+";
}

/** The `{% generation %}` / `{% endgeneration %}` tags of a template (any whitespace control), in source order. */
export function findGenerationTags(source: string, segments: Segment[] = scanTemplate(source)): GenerationTag[] {
  const tags: GenerationTag[] = [];
  for (const segment of segments) {
    if (segment.kind !== "statement") continue;
    const match = GENERATION_TAG.exec(source.slice(segment.start, segment.end));
    if (!match) continue;
    tags.push({
      start: segment.start,
      end: segment.end,
      closing: match[2] === "end",
      left: match[1] as GenerationTag["left"],
      right: match[3] as GenerationTag["right"],
    });
  }
  return tags;
}

/**
 * Whether a template has `{% generation %}` … `{% endgeneration %}` markers (any trim variant), as tags, not text.
 * Remembered per template: `applyChatTemplate` asks for every conversation, and a scan walks the whole template.
 */
export const hasGenerationMarkers: (template: string) => boolean = memoizeByTemplate(64, (template) => {
  const tags = findGenerationTags(template);
  return tags.some((tag) => !tag.closing) && tags.some((tag) => tag.closing);
});
