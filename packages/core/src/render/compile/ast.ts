/** The parts of `@huggingface/jinja`'s AST nodes the compiler reads (the library does not export its node classes). */
export interface Node {
  type: string;
  value?: unknown;
  body?: Node[];
  alternate?: Node[];
  defaultBlock?: Node[];
  test?: Node;
  loopvar?: Node;
  iterable?: Node;
  assignee?: Node;
  name?: Node;
  args?: Node[];
  callee?: Node;
  object?: Node;
  property?: Node;
  computed?: boolean;
  operator?: { value: string };
  left?: Node;
  right?: Node;
  argument?: Node;
  operand?: Node;
  filter?: Node;
  negate?: boolean;
  lhs?: Node;
  condition?: Node;
  trueExpr?: Node;
  falseExpr?: Node;
  start?: Node;
  stop?: Node;
  step?: Node;
  key?: Node;
}

/** A construct the compiler does not reproduce: compilation stops and the template stays on the interpreter. */
export class UnsupportedConstruct extends Error {}

export const unsupported = (what: string): never => {
  throw new UnsupportedConstruct(what);
};
