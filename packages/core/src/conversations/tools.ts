import fc from "fast-check";
import type { ToolCall, ToolDefinition } from "../types.ts";
import { dictArbitrary, jsonValueArbitrary, safeFloatArbitrary } from "./json-values.ts";
import { textArbitrary } from "./text.ts";

const TOOL_NAMES = [
  "get_weather", "search_web", "calculate", "send_email", "read_file", "lookup_user", "convert_units", "get_time",
];

type ParameterKind = "string" | "integer" | "number" | "boolean" | "enum" | "array" | "object";

const PARAMETERS: Array<{ name: string; kind: ParameterKind }> = [
  { name: "location", kind: "string" },
  { name: "query", kind: "string" },
  { name: "unit", kind: "enum" },
  { name: "count", kind: "integer" },
  { name: "ratio", kind: "number" },
  { name: "precise", kind: "boolean" },
  { name: "tags", kind: "array" },
  { name: "options", kind: "object" },
];

const UNITS = ["celsius", "fahrenheit"];

function parameterSchema(kind: ParameterKind, description: string | undefined): Record<string, unknown> {
  const described = description === undefined ? {} : { description };
  switch (kind) {
    case "enum":
      return { type: "string", enum: UNITS, ...described };
    case "array":
      return { type: "array", items: { type: "string" }, ...described };
    case "object":
      return { type: "object", properties: { depth: { type: "integer" } }, ...described };
    default:
      return { type: kind, ...described };
  }
}

const toolArbitrary = (name: string, describeEveryParameter: boolean): fc.Arbitrary<ToolDefinition> =>
  fc
    .record({
      description: textArbitrary(),
      parameters: fc.uniqueArray(
        fc.record({
          spec: fc.constantFrom(...PARAMETERS),
          description: describeEveryParameter ? textArbitrary() : fc.option(textArbitrary(), { nil: undefined, freq: 3 }),
          required: fc.boolean(),
        }),
        { selector: (p) => p.spec.name, maxLength: 3 },
      ),
    })
    .map(({ description, parameters }) => ({
      type: "function" as const,
      function: {
        name,
        description,
        parameters: {
          type: "object",
          properties: Object.fromEntries(
            parameters.map((p) => [p.spec.name, parameterSchema(p.spec.kind, p.description)]),
          ),
          required: parameters.filter((p) => p.required).map((p) => p.spec.name),
        },
      },
    }));

/** One to three tools with distinct names; most parameters described, or all with `describeEveryParameter`. */
export function toolsArbitrary(describeEveryParameter = false): fc.Arbitrary<ToolDefinition[]> {
  return fc
    .uniqueArray(fc.constantFrom(...TOOL_NAMES), { minLength: 1, maxLength: 3 })
    .chain((names) => fc.tuple(...names.map((name) => toolArbitrary(name, describeEveryParameter))));
}

function typedValue(kind: string): fc.Arbitrary<unknown> {
  switch (kind) {
    case "string":
      return textArbitrary();
    case "integer":
      return fc.integer({ min: -5, max: 500 });
    case "number":
      return fc.oneof(fc.integer({ min: 0, max: 100 }), safeFloatArbitrary);
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(textArbitrary(), { maxLength: 3 });
    case "object":
      return dictArbitrary(jsonValueArbitrary(1), 3);
    default:
      return fc.constantFrom(...UNITS);
  }
}

/** Arguments for a tool: some of its declared parameters (usually well typed), sometimes extra keys of any shape. */
function argumentsArbitrary(tool: ToolDefinition): fc.Arbitrary<Record<string, unknown>> {
  const properties = (tool.function.parameters?.properties ?? {}) as Record<string, { type?: string; enum?: unknown }>;
  const declared = Object.entries(properties).map(([name, schema]) =>
    fc.option(
      fc
        .oneof(
          { arbitrary: typedValue(schema.enum ? "enum" : (schema.type ?? "string")), weight: 4 },
          { arbitrary: jsonValueArbitrary(2), weight: 1 },
        )
        .map((value) => [name, value] as const),
      { nil: undefined, freq: 4 },
    ),
  );
  const extra = fc.option(dictArbitrary(jsonValueArbitrary(2), 2), { nil: undefined, freq: 6 });
  return fc.tuple(fc.tuple(...declared), extra).map(([entries, extraKeys]) => {
    const args: Record<string, unknown> = Object.fromEntries(entries.filter((e) => e !== undefined));
    for (const [key, value] of Object.entries(extraKeys ?? {})) if (!(key in args)) args[key] = value;
    return args;
  });
}

const callIdArbitrary = fc.option(
  fc.integer({ min: 0, max: 0x7fffffff }).map((n) => `call_${n.toString(36).padStart(9, "0")}`),
  { nil: undefined, freq: 2 },
);

/** A call of one of the listed tools, with an id half of the time. */
export function toolCallArbitrary(tools: ToolDefinition[]): fc.Arbitrary<ToolCall> {
  return fc
    .constantFrom(...tools)
    .chain((tool) => fc.tuple(fc.constant(tool.function.name), argumentsArbitrary(tool), callIdArbitrary))
    .map(([name, args, id]) => ({
      type: "function" as const,
      ...(id === undefined ? {} : { id }),
      function: { name, arguments: args },
    }));
}

/** What a tool returns: free text, or JSON text as most tools answer. */
export function toolResultArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    { arbitrary: textArbitrary(), weight: 2 },
    { arbitrary: dictArbitrary(jsonValueArbitrary(1), 3).map((value) => JSON.stringify(value)), weight: 1 },
  );
}
