/** A `@huggingface/jinja` runtime value, seen structurally (the library does not export its value classes). */
export interface Value {
  type: string;
  value: unknown;
  toString(): string;
  __bool__(): { value: boolean };
}

const NUMBERS = new Set(["IntegerValue", "FloatValue", "BooleanValue"]);
const ARRAYS = new Set(["ArrayValue", "TupleValue"]);

/** Python's `==`: numbers (and booleans) by value, strings by value, lists and dicts item by item, else by type. */
export function pythonEquals(a: Value, b: Value): boolean {
  if (NUMBERS.has(a.type) && NUMBERS.has(b.type)) return Number(a.value) === Number(b.value);
  if (ARRAYS.has(a.type) && ARRAYS.has(b.type)) {
    const left = a.value as Value[];
    const right = b.value as Value[];
    return a.type === b.type && left.length === right.length && left.every((item, i) => pythonEquals(item, right[i]!));
  }
  if (a.type === "ObjectValue" && b.type === "ObjectValue") {
    const left = a.value as Map<string, Value>;
    const right = b.value as Map<string, Value>;
    if (left.size !== right.size) return false;
    for (const [key, item] of left) {
      const other = right.get(key);
      if (!other || !pythonEquals(item, other)) return false;
    }
    return true;
  }
  if (a.type !== b.type) return false;
  if (a.type === "NullValue" || a.type === "UndefinedValue") return true;
  return a.value === b.value;
}

/** Python's type names, for the errors Python would raise. */
export function pythonTypeName(value: Value): string {
  const names: Record<string, string> = {
    StringValue: "str", IntegerValue: "int", FloatValue: "float", BooleanValue: "bool", NullValue: "NoneType",
    UndefinedValue: "Undefined", ArrayValue: "list", TupleValue: "tuple", ObjectValue: "dict",
  };
  return names[value.type] ?? value.type;
}
