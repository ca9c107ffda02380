import type { Segment } from "../../render/scan-template.ts";

/**
 * A place where one `{{ … }}` expression can be cut in two that print the same text: at a top-level `+` or `~`
 * between operands (`{{ '<|im_start|>' + role + '\n' + content }}` → `{{ '<|im_start|>' + role + '\n' }}{{ content }}`),
 * or inside a string literal operand (`'<|im_end|>\n'` → `'<|im_end|>'`, `'\n'`). The left part ends at `leftEnd`
 * (then `leftClose` closes it), the right part starts at `rightStart` (after `rightOpen`).
 * Printing `a` then `b` is `a + b` when both are strings and `a ~ b` always; where an operand is not a string the
 * two differ (or `+` raises), which the synthesis's verification catches.
 */
export interface ExpressionSplit {
  leftEnd: number;
  rightStart: number;
  leftClose: string;
  rightOpen: string;
}

/** Words and operators that bind looser than `+`/`~` (or make an operand unary): cutting at `+` would change meaning. */
const LOOSER_WORDS = /^(if|else|and|or|not|in|is)$/;

/** The splits of an expression segment, in source order; none when its top level is not a plain concatenation. */
export function expressionSplits(source: string, segment: Segment): ExpressionSplit[] {
  const open = /^\{\{-?/.exec(source.slice(segment.start))![0].length;
  const close = source.slice(segment.start, segment.end).endsWith("-}}") ? 3 : 2;
  const innerStart = segment.start + open;
  const innerEnd = segment.end - close;
  if (innerEnd <= innerStart) return [];
  const strings = segment.strings.filter(([start]) => start >= innerStart && start < innerEnd);
  const operators: number[] = [];
  let depth = 0;
  let previous = ""; // the last non-space character at the top level (operands end with a word, a quote or a bracket)
  for (let pos = innerStart; pos < innerEnd; pos++) {
    const literal = strings.find(([start]) => start === pos);
    if (literal) {
      if (depth === 0) previous = "'";
      pos = literal[1] - 1;
      continue;
    }
    const ch = source[pos]!;
    if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    if (depth < 0) return [];
    if (depth > 0 || ch === ")" || ch === "]" || ch === "}") {
      if (depth === 0) previous = ch;
      continue;
    }
    if (/\w/.test(ch)) {
      const word = /^\w+/.exec(source.slice(pos, innerEnd))![0];
      if (LOOSER_WORDS.test(word)) return [];
      pos += word.length - 1;
      previous = "w";
      continue;
    }
    if ("=!<>-".includes(ch)) return [];
    if (ch === "+" || ch === "~") {
      if (previous === "" || !/[w')\]}]/.test(previous)) return [];
      operators.push(pos);
      previous = ch;
      continue;
    }
    if (!/\s/.test(ch)) previous = ch;
  }
  if (depth !== 0) return [];
  const splits: ExpressionSplit[] = [];
  const operandStarts = [innerStart, ...operators.map((at) => at + 1)];
  const operandEnds = [...operators, innerEnd];
  for (const [k, operandStart] of operandStarts.entries()) {
    const operand = source.slice(operandStart, operandEnds[k]!);
    const literal = strings.find(([start, end]) => source.slice(start, end) === operand.trim() && start >= operandStart && end <= operandEnds[k]!);
    if (literal) splits.push(...literalSplits(source, literal[0], literal[1]));
    if (k < operators.length) splits.push({ leftEnd: operators[k]!, rightStart: operators[k]! + 1, leftClose: "", rightOpen: "" });
  }
  return splits;
}

/** Cuts between the characters (escape sequences whole) of a string literal `[start, end)` that includes its quotes. */
function literalSplits(source: string, start: number, end: number): ExpressionSplit[] {
  const quote = source[start]!;
  const splits: ExpressionSplit[] = [];
  let pos = start + 1;
  while (pos < end - 1) {
    pos += unitLength(source, pos);
    if (pos < end - 1) splits.push({ leftEnd: pos, rightStart: pos, leftClose: quote, rightOpen: quote });
  }
  return splits;
}

function unitLength(source: string, pos: number): number {
  const code = source.charCodeAt(pos);
  if (code >= 0xd800 && code < 0xdc00) return 2;
  if (source[pos] !== "\\") return 1;
  const kind = source[pos + 1];
  if (kind === "x") return 4;
  if (kind === "u") return 6;
  if (kind === "U") return 10;
  if (kind === "N") return source.indexOf("}", pos) + 1 - pos;
  if (kind !== undefined && /[0-7]/.test(kind)) return 1 + (/^[0-7]{1,3}/.exec(source.slice(pos + 1))![0].length);
  return 2;
}
