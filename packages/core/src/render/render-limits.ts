/**
 * Bounds on one render of a chat template. A template comes from whoever published the model, so it is untrusted
 * input: Python's sandboxed Jinja2 bounds `range` (see `sandbox.ts`) but not a loop nest that writes gigabytes, a
 * render that never ends, or macros recursing until the stack gives out. These limits end such a render with an
 * error instead of an exhausted heap or a hung process.
 */
export interface RenderLimits {
  /**
   * Most text (UTF-16 code units) one render may produce: every `{{ … }}` and text piece counts as it is produced,
   * printed or captured by `{% set %}`/a macro (a macro's output printed by its caller counts again). Default
   * 33,554,432 (32 Mi, 64 MiB as UTF-16): chat templates produce a few KB to a few MB.
   */
  maxOutputLength?: number;
  /**
   * Most milliseconds one render may take (one `renderChat` call, both renderers together). Default 5,000: renders
   * take microseconds to milliseconds. The clock is read every 256 loop iterations, macro calls or (in the
   * interpreter) expressions and blocks, and every Mi of output, so a render stops soon after the bound.
   */
  timeoutMs?: number;
  /**
   * Deepest nesting of macro calls. Default 200: Python Jinja2 reaches its own recursion limit ("maximum recursion
   * depth exceeded") at about 190, so whatever Python renders renders here, and a runaway recursion ends with this
   * error rather than the JavaScript stack's.
   */
  maxMacroDepth?: number;
}

export type RenderLimitName = keyof RenderLimits;

export const DEFAULT_RENDER_LIMITS: Readonly<Required<RenderLimits>> = Object.freeze({
  maxOutputLength: 32 * 1024 * 1024,
  timeoutMs: 5_000,
  maxMacroDepth: 200,
});

/** Thrown inside either renderer when a render goes past a limit; `renderChat` reports it as a `TemplateLimitError`. */
export class RenderLimitExceeded extends Error {
  constructor(
    readonly limit: RenderLimitName,
    readonly bound: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reading the clock costs tens of nanoseconds; counting steps between reads keeps the bound off the normal path. */
const STEPS_PER_CLOCK_READ = 256;
const OUTPUT_PER_CLOCK_READ = 1 << 20;

/** One render's use of its limits: steps since the clock was read, text produced, macro depth. */
export class RenderBudget {
  readonly limits: Readonly<Required<RenderLimits>>;
  private readonly deadline: number;
  private stepsLeft = STEPS_PER_CLOCK_READ;
  private output = 0;
  private outputAtNextClockRead = 0;
  private depth = 0;

  constructor(limits: RenderLimits = {}) {
    this.limits = { ...DEFAULT_RENDER_LIMITS, ...definedOnly(limits) };
    this.deadline = performance.now() + this.limits.timeoutMs;
    this.restart();
  }

  /** A unit of work: a loop iteration, a macro call, (in the interpreter) an expression. */
  step(): void {
    if (--this.stepsLeft <= 0) this.readClock();
  }

  /** `length` more code units of text produced. */
  produced(length: number): void {
    this.output += length;
    if (this.output >= this.outputAtNextClockRead) {
      if (this.output > this.limits.maxOutputLength) throw this.outputExceeded("it produced more than");
      this.outputAtNextClockRead = Math.min(this.output + OUTPUT_PER_CLOCK_READ, this.limits.maxOutputLength + 1);
      this.readClock();
    }
  }

  /**
   * A string a filter or method made (`indent`, `center`, `join`…), refused when longer than `maxOutputLength`: no
   * printed text may be that long, and the next step could walk it character by character (`| length`).
   */
  madeString(length: number): void {
    if (length > this.limits.maxOutputLength) throw this.outputExceeded("a filter or method made a string of more than");
  }

  enterMacro(): void {
    if (++this.depth > this.limits.maxMacroDepth) {
      // The callers' `leaveMacro` runs as the error unwinds them; this call never entered.
      this.depth--;
      throw new RenderLimitExceeded(
        "maxMacroDepth",
        this.limits.maxMacroDepth,
        `its macro calls nested more than ${this.limits.maxMacroDepth} deep (maxMacroDepth); ` +
          `Python Jinja2 stops such a template too ("maximum recursion depth exceeded")`,
      );
    }
    this.step();
  }

  leaveMacro(): void {
    this.depth--;
  }

  /** Starts the output and depth counts again for a second renderer on the same conversation; the clock runs on. */
  restart(): void {
    this.output = 0;
    this.outputAtNextClockRead = Math.min(OUTPUT_PER_CLOCK_READ, this.limits.maxOutputLength + 1);
    this.depth = 0;
  }

  private outputExceeded(what: string): RenderLimitExceeded {
    const bound = this.limits.maxOutputLength;
    return new RenderLimitExceeded("maxOutputLength", bound, `${what} ${bound} characters of text for one conversation (maxOutputLength)`);
  }

  private readClock(): void {
    this.stepsLeft = STEPS_PER_CLOCK_READ;
    if (performance.now() > this.deadline) {
      throw new RenderLimitExceeded(
        "timeoutMs",
        this.limits.timeoutMs,
        `it rendered one conversation for more than ${this.limits.timeoutMs} ms (timeoutMs)`,
      );
    }
  }
}

function definedOnly(limits: RenderLimits): RenderLimits {
  const defined: RenderLimits = {};
  for (const [name, value] of Object.entries(limits) as Array<[RenderLimitName, number | undefined]>) {
    if (value === undefined) continue;
    if (!(typeof value === "number" && value >= 0)) throw new TypeError(`render limit ${name} must be a number ≥ 0, got ${String(value)}`);
    defined[name] = value;
  }
  return defined;
}

/** Outside `renderChat` (a compiled template run on its own, in tests) nothing is bounded. */
const UNBOUNDED = new RenderBudget({ maxOutputLength: Infinity, timeoutMs: Infinity, maxMacroDepth: Infinity });

let active: RenderBudget = UNBOUNDED;

/** The budget of the render under way; renders are synchronous, so one at a time (nested ones restore it). */
export function currentBudget(): RenderBudget {
  return active;
}

/** `value`, when it is not a string longer than the render's `maxOutputLength` (see `RenderBudget.madeString`). */
export function boundedResult<T>(value: T): T {
  if (typeof value === "string") active.madeString(value.length);
  return value;
}

export function runWithBudget<T>(budget: RenderBudget, render: () => T): T {
  const previous = active;
  active = budget;
  try {
    return render();
  } finally {
    active = previous;
  }
}
