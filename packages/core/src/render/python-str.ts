/**
 * Python's `str()` of a `@huggingface/jinja` runtime value, which is what Jinja2 prints for `{{ value }}`.
 * `@huggingface/jinja` prints `true`, skips `none`, and prints dicts and lists as JSON; Jinja2 prints `True`, `None`,
 * `{'a': 1}` and `[1, 'x']`.
 */
interface RuntimeValueLike {
  type: string;
  value: unknown;
  toString(): string;
}

export function pythonStr(value: RuntimeValueLike): string {
  switch (value.type) {
    case "StringValue":
      return value.value as string;
    case "UndefinedValue":
      return "";
    default:
      return pythonRepr(value);
  }
}

function pythonRepr(value: RuntimeValueLike): string {
  switch (value.type) {
    case "StringValue":
      return pythonStringRepr(value.value as string);
    case "BooleanValue":
      return value.value ? "True" : "False";
    case "NullValue":
      return "None";
    case "UndefinedValue":
      // Jinja2's `Undefined` inside a list or dict prints its repr.
      return "Undefined";
    case "IntegerValue":
      return String(value.value);
    case "FloatValue":
      return pythonFloatRepr(value.value as number);
    case "TupleValue": {
      const items = (value.value as RuntimeValueLike[]).map(pythonRepr);
      return items.length === 1 ? `(${items[0]},)` : `(${items.join(", ")})`;
    }
    case "ArrayValue":
      return `[${(value.value as RuntimeValueLike[]).map(pythonRepr).join(", ")}]`;
    case "ObjectValue":
    case "KeywordArgumentsValue": {
      const entries = [...(value.value as Map<string, RuntimeValueLike>)].map(
        ([key, item]) => `${pythonStringRepr(key)}: ${pythonRepr(item)}`,
      );
      return `{${entries.join(", ")}}`;
    }
    default:
      return value.toString();
  }
}

export function pythonFloatRepr(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (Number.isInteger(value) && Math.abs(value) < 1e16) return `${value}.0`;
  // JavaScript writes `1e-7` and `1e+21` where Python writes `1e-07` and `1e+21`.
  return String(value).replace(/e([+-])(\d)$/, "e$10$2");
}

/** Characters Python's `str.isprintable` rejects (besides the space), which `repr` escapes. */
const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

export function pythonStringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === "\\") out += "\\\\";
    else if (ch === quote) out += `\\${quote}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch === " " || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (code < 0x100) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += `\\U${code.toString(16).padStart(8, "0")}`;
  }
  return out + quote;
}
