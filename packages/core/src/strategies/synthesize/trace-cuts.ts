import { TemplateLimitError, TrainingTemplatesError } from "../../errors.ts";
import type { CutPoint, Modifier } from "./cut-points.ts";
import { insertAtCuts, type TagWriter } from "./insert-at-cuts.ts";

/** Where the render passes each cut point: for each traced conversation, cut id → output offsets, in order. */
export type CutTrace = Array<Map<number, number[]>>;

/** A conversation to trace: how to render a template on it, and the original's text for it. */
export interface TraceCase {
  render: (template: string) => string;
  text: string;
}

/** Supplementary Private Use Area A: one code point per cut, written by the trace and never by a chat template. */
const LABEL_BASE = 0xf0000;
const LABEL_COUNT = 0xfffe;

/**
 * A block that prints the cut's label and acts on the whitespace around it as a generation tag with that control
 * would (the renderer writes `{%L generation R%}` this way, with `+` sides as expressions: `@huggingface/jinja` has
 * no `+` modifier).
 */
function labelWriter(label: string): TagWriter {
  return (left: Modifier, right: Modifier) => {
    const print = `{{ '${label}' }}`;
    if (left === "+" && right === "+") return print;
    if (left === "+") return `${print}{% if true %}{% endif ${right}%}`;
    if (right === "+") return `{%${left} if true %}{% endif %}${print}`;
    return `{%${left} if true %}${print}{% endif ${right}%}`;
  };
}

/**
 * Renders each case with a label printed at every cut point at once and reads where each label lands. A cut whose
 * label changes the text around it (its whitespace control is not neutral there, or a cut expression's operands are
 * not strings) is isolated by halving the set of cuts, and dropped. Returns the trace of every case, and which cuts
 * it holds (those that left every case's text as the original's).
 */
export function traceCuts(source: string, cuts: readonly CutPoint[], cases: readonly TraceCase[]): { trace: CutTrace; traced: CutPoint[] } {
  const usable = cases.filter((entry) => ![...entry.text].some((ch) => ch.codePointAt(0)! >= LABEL_BASE));
  const trace: CutTrace = usable.map(() => new Map());
  const traced: CutPoint[] = [];
  const run = (group: readonly CutPoint[]): void => {
    if (group.length === 0) return;
    const labelled = insertAtCuts(
      source,
      group.map((cut, k) => ({ cut, write: labelWriter(String.fromCodePoint(LABEL_BASE + k)) })),
    );
    const results: Array<Map<number, number[]>> = [];
    for (const entry of usable) {
      let marked: string;
      try {
        marked = entry.render(labelled);
      } catch (error) {
        if (!(error instanceof TrainingTemplatesError) || error instanceof TemplateLimitError) throw error;
        return split(group);
      }
      const read = readLabels(marked, group);
      if (read.text !== entry.text) return split(group);
      results.push(read.events);
    }
    for (const [k, events] of results.entries()) for (const [id, offsets] of events) trace[k]!.set(id, offsets);
    traced.push(...group);
  };
  const split = (group: readonly CutPoint[]): void => {
    if (group.length <= 1) return;
    const half = Math.ceil(group.length / 2);
    run(group.slice(0, half));
    run(group.slice(half));
  };
  for (let from = 0; from < cuts.length; from += LABEL_COUNT) run(cuts.slice(from, from + LABEL_COUNT));
  return { trace, traced };
}

/** The text without labels, and for each cut id the offsets (in that text) where its label was printed. */
function readLabels(marked: string, group: readonly CutPoint[]): { text: string; events: Map<number, number[]> } {
  const events = new Map<number, number[]>(group.map((cut) => [cut.id, []]));
  let text = "";
  for (const ch of marked) {
    const code = ch.codePointAt(0)!;
    if (code >= LABEL_BASE && code < LABEL_BASE + LABEL_COUNT) events.get(group[code - LABEL_BASE]!.id)!.push(text.length);
    else text += ch;
  }
  return { text, events };
}
