/**
 * The table the filter parity test renders under Python Jinja2 and under both of our renderers: every expression
 * below applied to every value below (one template `{{ <expression> }}` per cell, the value as the variable `v`).
 */

/** One value of each kind a template meets (and a few of each), as a conversation would hold it. */
export const PARITY_VALUES: ReadonlyArray<{ kind: string; value?: unknown }> = [
  { kind: "str", value: "  Hello World  " },
  { kind: "str digits", value: "42" },
  { kind: "str empty", value: "" },
  { kind: "str markup", value: "<b>Hi</b> a&b" },
  { kind: "int", value: 7 },
  { kind: "int negative", value: -3 },
  { kind: "int zero", value: 0 },
  { kind: "float", value: 2.5 },
  { kind: "float negative", value: -0.75 },
  { kind: "bool true", value: true },
  { kind: "bool false", value: false },
  { kind: "none", value: null },
  { kind: "undefined" },
  { kind: "list of blocks", value: [{ type: "text", text: " Hi there " }] },
  { kind: "list of str", value: ["b", "a", "B", "a"] },
  { kind: "list of int", value: [3, 1, 2] },
  { kind: "list mixed", value: [1, "a", null] },
  { kind: "list empty", value: [] },
  { kind: "dict", value: { b: 1, a: "x", type: "text" } },
  { kind: "dict empty", value: {} },
];

/**
 * Jinja2's built-in filters that chat templates use (and `tojson` as transformers defines it). Those Jinja2 returns
 * as a generator or iterator are followed by `| list`: printed bare, Python shows the object's address.
 */
const FILTERS = [
  "trim", "trim('. H')", "upper", "lower", "title", "capitalize", "length", "count", "first", "last",
  "join", "join(', ')", "join(attribute='type')", "default('D')", "d('D')", "default('D', true)", "tojson", "tojson(indent=2)",
  "string", "int", "int(5)", "float", "abs", "round", "round(1, 'floor')", "list", "items | list", "dictsort",
  "replace('l', 'L')", "indent(2)", "indent(2, true)", "safe", "unique | list", "sort", "sort(reverse=true)", "reverse | list",
  "map('upper') | list", "map(attribute='type') | list", "select | list", "select('odd') | list", "reject | list", "selectattr('type') | list",
  "selectattr('type', 'equalto', 'text') | list", "rejectattr('type') | list", "batch(2) | list", "slice(2) | list", "sum", "min", "max",
  "wordcount", "center(9)", "striptags", "truncate(5, true, '')", "attr('type')", "escape", "e", "bool",
];

/** Jinja2's tests, as `v is name`. */
const TESTS = [
  "defined", "undefined", "none", "string", "number", "integer", "float", "boolean", "mapping", "iterable", "sequence",
  "callable", "true", "false", "lower", "upper", "odd", "even", "escaped",
];

/**
 * Tests that take an argument, through `select` (`@huggingface/jinja` does not parse `v is divisibleby(3)`, see the
 * core README).
 */
const TESTS_WITH_ARGUMENTS = [
  "'divisibleby', 3", "'eq', 7", "'equalto', '42'", "'ne', 7", "'gt', 2", "'lt', 2", "'ge', 7", "'le', 0",
  "'in', ['42', 7, none]", "'sameas', none",
];

/** Methods of str, dict and list (what the sandbox allows), called on the value. */
const METHODS = [
  "strip()", "strip(' H')", "lstrip()", "rstrip()", "split()", "split('l')", "split('l', 1)", "splitlines()",
  "startswith('  H')", "endswith(('d', '  '))", "upper()", "lower()", "title()", "capitalize()",
  "replace('l', 'L')", "replace('l', 'L', 1)", "count('l')", "find('o')", "rfind('o')", "index('o')",
  "isdigit()", "isspace()", "isalpha()", "format(1)", "zfill(5)", "center(9)", "ljust(5, '*')", "join('ab')",
  "get('a')", "get('zz', 'D')", "items() | list", "keys() | list", "values() | list", "index(1)", "count(1)", "copy()",
];

export interface ParityCell {
  /** What the cell applies, as written in the template. */
  expression: string;
  /** The value's kind (its name in `PARITY_VALUES`). */
  kind: string;
  template: string;
  context: Record<string, unknown>;
}

export function parityCells(): ParityCell[] {
  const expressions = [
    ...FILTERS.map((filter) => `v | ${filter}`),
    ...TESTS.map((test) => `v is ${test}`),
    ...TESTS_WITH_ARGUMENTS.map((test) => `[v] | select(${test}) | list`),
    ...METHODS.map((method) => `v.${method}`),
  ];
  return expressions.flatMap((expression) =>
    PARITY_VALUES.map(({ kind, value }) => ({
      expression,
      kind,
      template: `{{ ${expression} }}`,
      context: "value" in PARITY_VALUES.find((entry) => entry.kind === kind)! ? { v: value } : {},
    })),
  );
}
