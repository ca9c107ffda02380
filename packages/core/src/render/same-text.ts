import type { Node } from "./compile/ast.ts";
import { CLOSE_MARKER_VAR, OPEN_MARKER_VAR } from "./prepare-template.ts";
import { parsedTemplate } from "./render-chat.ts";
import { memoizeByTemplate } from "./template-memo.ts";

/** The keys under which a node holds a list of statements (whose output is concatenated). */
const STATEMENT_LISTS = new Set(["body", "alternate", "defaultBlock"]);
const MARKERS = new Set([OPEN_MARKER_VAR, CLOSE_MARKER_VAR]);

/**
 * True when `training` renders the same text as `original` for every input, proven on the parsed templates: once its
 * `{% generation %}` tags are taken out (each a block that prints only a marker, after whitespace control has acted)
 * and neighbouring texts joined, its syntax tree is the original's. A training template that only adds markers is
 * then never rendered twice per record. False proves nothing: the texts are compared per record instead.
 */
export function rendersSameText(training: string, original: string): boolean {
  if (training === original) return true;
  try {
    return shapeOf(training) === shapeOf(original);
  } catch {
    // A template that does not parse is reported where it is rendered.
    return false;
  }
}

/** The template's syntax tree without its generation markers, as text (node order and values are all it holds). */
const shapeOf = memoizeByTemplate(64, (template: string) => JSON.stringify(withoutMarkers(parsedTemplate(template) as unknown as Node)));

function withoutMarkers(node: Node): Node {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (STATEMENT_LISTS.has(key) && Array.isArray(value)) out[key] = statementsWithoutMarkers(value as Node[]);
    else if (Array.isArray(value)) out[key] = value.map((item) => (isNode(item) ? withoutMarkers(item) : item));
    else out[key] = isNode(value) ? withoutMarkers(value) : value;
  }
  return out as unknown as Node;
}

function statementsWithoutMarkers(statements: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const statement of statements.map(withoutMarkers)) {
    if (isMarker(statement) || isEmptyTrueBlock(statement)) continue;
    const last = out[out.length - 1];
    // Texts that a marker separated print as one text.
    if (statement.type === "StringLiteral" && last?.type === "StringLiteral") out[out.length - 1] = { type: "StringLiteral", value: `${last.value as string}${statement.value as string}` };
    else out.push(statement);
  }
  return out;
}

const isMarker = (node: Node) => node.type === "Identifier" && MARKERS.has(node.value as string);

/** `{% if true %}{% endif %}`: what a generation tag becomes once its marker is taken out. */
const isEmptyTrueBlock = (node: Node) =>
  node.type === "If" && node.test?.type === "Identifier" && node.test.value === "true" && (node.body?.length ?? 0) === 0 && (node.alternate?.length ?? 0) === 0;

const isNode = (value: unknown): value is Node => typeof value === "object" && value !== null && typeof (value as { type?: unknown }).type === "string";
