/**
 * What transformers' `ImmutableSandboxedEnvironment` (Jinja2's `jinja2.sandbox`) refuses, with its error text:
 * `range` longer than `MAX_RANGE`, Python's internal attributes (`__class__`, `__globals__`, …) and the methods that
 * modify a list or dict (`append`, `update`, `pop`, …). Both renderers consult it.
 */

/** Jinja2's `MAX_RANGE`: the longest `range` a sandboxed template may make. */
export const MAX_RANGE = 100_000;

/** What the sandbox raises (`OverflowError`, `SecurityError`), with Jinja2's message. */
export class SandboxError extends Error {}

/** Python's `sys.maxsize` (64-bit): `len()` of a longer range raises before the sandbox's own check. */
const MAX_SIZE = 2 ** 63 - 1;

/** Jinja2's `safe_range`: Python's `range` as a list, refused when longer than `MAX_RANGE` before any item is made. */
export function sandboxedRange(start: number, stop?: number, step = 1): number[] {
  if (stop === undefined) [start, stop] = [0, start];
  if (step === 0) throw new Error("range() arg 3 must not be zero");
  const length = step > 0 ? Math.ceil((stop - start) / step) : Math.ceil((start - stop) / -step);
  if (length > MAX_SIZE) throw new SandboxError("Python int too large to convert to C ssize_t");
  if (length > MAX_RANGE) {
    throw new SandboxError(`Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).`);
  }
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
}

/** The attributes every Python object has (`dir(object())`), all internal. */
const OBJECT_ATTRIBUTES = [
  "__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__", "__getattribute__",
  "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__", "__le__", "__lt__", "__ne__", "__new__",
  "__reduce__", "__reduce_ex__", "__repr__", "__setattr__", "__sizeof__", "__str__", "__subclasshook__",
];
const NUMBER_ATTRIBUTES = [
  "__abs__", "__add__", "__bool__", "__ceil__", "__divmod__", "__float__", "__floor__", "__floordiv__",
  "__getnewargs__", "__int__", "__mod__", "__mul__", "__neg__", "__pos__", "__pow__", "__radd__", "__rdivmod__",
  "__rfloordiv__", "__rmod__", "__rmul__", "__round__", "__rpow__", "__rsub__", "__rtruediv__", "__sub__",
  "__truediv__", "__trunc__",
];
const INT_ATTRIBUTES = [
  ...NUMBER_ATTRIBUTES, "__and__", "__index__", "__invert__", "__lshift__", "__or__", "__rand__", "__rlshift__",
  "__ror__", "__rrshift__", "__rshift__", "__rxor__", "__xor__",
];

/** The methods `ImmutableSandboxedEnvironment` refuses because they modify the object (`modifies_known_mutable`). */
const LIST_MUTATORS = ["append", "clear", "pop", "reverse", "insert", "sort", "extend", "remove"];
const DICT_MUTATORS = ["clear", "pop", "popitem", "setdefault", "update"];

const unsafe = (...groups: string[][]): ReadonlySet<string> => new Set([...OBJECT_ATTRIBUTES, ...groups.flat()]);

/**
 * Per Python type (`type(obj).__name__`), the attributes that exist on such an object and that the sandbox refuses
 * (`dir()` of each type under Python 3.11: the internal ones, and the mutating methods). An attribute the object does
 * not have is not refused: it is simply undefined, as in Jinja2.
 */
const UNSAFE_ATTRIBUTES: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ["str", unsafe(["__add__", "__contains__", "__getitem__", "__getnewargs__", "__iter__", "__len__", "__mod__", "__mul__", "__rmod__", "__rmul__"])],
  ["int", unsafe(INT_ATTRIBUTES)],
  ["bool", unsafe(INT_ATTRIBUTES)],
  ["float", unsafe(NUMBER_ATTRIBUTES, ["__getformat__"])],
  ["NoneType", unsafe(["__bool__"])],
  [
    "list",
    unsafe(
      ["__add__", "__class_getitem__", "__contains__", "__delitem__", "__getitem__", "__iadd__", "__imul__", "__iter__", "__len__", "__mul__", "__reversed__", "__rmul__", "__setitem__"],
      LIST_MUTATORS,
    ),
  ],
  ["tuple", unsafe(["__add__", "__class_getitem__", "__contains__", "__getitem__", "__getnewargs__", "__iter__", "__len__", "__mul__", "__rmul__"])],
  [
    "dict",
    unsafe(
      ["__class_getitem__", "__contains__", "__delitem__", "__getitem__", "__ior__", "__iter__", "__len__", "__or__", "__reversed__", "__ror__", "__setitem__"],
      DICT_MUTATORS,
    ),
  ],
  [
    "function",
    unsafe(["__annotations__", "__builtins__", "__call__", "__closure__", "__code__", "__defaults__", "__dict__", "__get__", "__globals__", "__kwdefaults__", "__module__", "__name__", "__qualname__"]),
  ],
  // Jinja2's `Namespace` answers only these from the object itself; any other name is one of its values.
  ["Namespace", new Set(["__class__", "_Namespace__attrs"])],
]);

/** Python's type name for a `@huggingface/jinja` value type, or for the same name the compiled renderer's `typeName` gives. */
const PYTHON_TYPE_BY_VALUE_TYPE: Readonly<Record<string, string>> = {
  StringValue: "str", IntegerValue: "int", FloatValue: "float", BooleanValue: "bool", NullValue: "NoneType",
  ArrayValue: "list", TupleValue: "tuple", ObjectValue: "dict", FunctionValue: "function", NamespaceValue: "Namespace",
};

export function pythonTypeOfValue(valueType: string): string {
  return PYTHON_TYPE_BY_VALUE_TYPE[valueType] ?? valueType;
}

/** Every name refused on some type: a name outside it is never refused, which spares a look at the object. */
const MAYBE_UNSAFE: ReadonlySet<string> = new Set([...UNSAFE_ATTRIBUTES.values()].flatMap((names) => [...names]));

/** Whether `name` may be refused on some object (cheap: no type involved). */
export function mayBeUnsafeAttribute(name: string): boolean {
  return MAYBE_UNSAFE.has(name);
}

/**
 * Jinja2's `SecurityError` message when reading `name` from an object of Python type `pythonType` is refused, else
 * undefined. Jinja2 does not raise on the read itself: it gives an undefined value that raises this when used
 * (called, or an attribute read from it) and prints as nothing.
 */
export function unsafeAttributeMessage(pythonType: string, name: string): string | undefined {
  if (!UNSAFE_ATTRIBUTES.get(pythonType)?.has(name)) return undefined;
  return `access to attribute '${name}' of '${pythonType}' object is unsafe.`;
}
