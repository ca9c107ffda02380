/** One element of a JSON array as raw text, with the line it starts on; `problem` when it cannot be whole. */
export interface ScannedElement {
  number: number;
  text: string;
  problem?: string;
}

type State = "start" | "before-element" | "element" | "after-element" | "done";

const WHITESPACE = new Set([" ", "\t", "\n", "\r"]);

/**
 * Finds the elements of a top-level JSON array in text that arrives in chunks, without parsing them: only strings
 * and bracket depth are tracked, so a file of any size is read in memory bounded by its largest element. It keeps
 * going past damage (a missing comma, text after the closing bracket) so that no element is lost; `onWarning`
 * hears about it.
 */
export class JsonArrayScanner {
  private state: State = "start";
  private line = 1;
  private pieces: string[] = [];
  private pieceStart = 0;
  private elementLine = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private scalar = false;

  constructor(private readonly onWarning: (line: number, message: string) => void) {}

  *feed(chunk: string): Generator<ScannedElement> {
    this.pieceStart = 0;
    for (let i = 0; i < chunk.length; i++) {
      const ch = chunk[i]!;
      if (this.state === "element") {
        const end = this.elementEnd(ch, i);
        if (end === undefined) {
          if (ch === "\n") this.line++;
          continue;
        }
        yield this.finishElement(chunk, end);
        // A bare scalar ends at the character after it, which belongs to what follows.
        if (end === i) i--;
        continue;
      }
      if (ch === "\n") this.line++;
      if (WHITESPACE.has(ch)) continue;
      if (this.state === "start" || this.state === "done") {
        if (ch === "[") {
          if (this.state === "done") this.onWarning(this.line, "a second JSON array starts here; its records are read too");
          this.state = "before-element";
          continue;
        }
        this.onWarning(this.line, this.state === "done" ? "text after the closing ] is read as more records" : "the JSON input does not start with [");
        this.startElement(ch, i);
      } else if (this.state === "before-element") {
        // `]` right after `[` or after a trailing comma: an empty array, or one JSON would refuse but loses nothing.
        if (ch === "]") this.state = "done";
        else this.startElement(ch, i);
      } else if (ch === ",") {
        this.state = "before-element";
      } else if (ch === "]") {
        this.state = "done";
      } else {
        this.onWarning(this.line, 'expected "," or "]" between records');
        this.startElement(ch, i);
      }
    }
    if (this.state === "element") this.pieces.push(chunk.slice(this.pieceStart));
  }

  /** What is left when the input ends: a cut-off element, reported. */
  *end(): Generator<ScannedElement> {
    if (this.state === "element") {
      const text = this.pieces.join("");
      this.pieces = [];
      this.state = "after-element";
      if (this.scalar) yield { number: this.elementLine, text };
      else yield { number: this.elementLine, text, problem: "the input ends inside this record (the JSON array is cut off)" };
    }
    if (this.state !== "done" && this.state !== "start") this.onWarning(this.line, "the JSON array is not closed with ]");
  }

  private startElement(ch: string, index: number): void {
    this.state = "element";
    this.elementLine = this.line;
    this.pieceStart = index;
    this.depth = ch === "{" || ch === "[" ? 1 : 0;
    this.inString = ch === '"';
    this.escaped = false;
    this.scalar = this.depth === 0 && !this.inString;
  }

  /** Where the element ends if `ch` ends it: after `ch` (a closing bracket or quote), or at `ch` (a bare scalar). */
  private elementEnd(ch: string, index: number): number | undefined {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (ch === "\\") this.escaped = true;
      else if (ch === '"') {
        this.inString = false;
        if (this.depth === 0 && !this.scalar) return index + 1;
      }
      return undefined;
    }
    if (this.scalar) return ch === "," || ch === "]" || WHITESPACE.has(ch) ? index : undefined;
    if (ch === '"') this.inString = true;
    else if (ch === "{" || ch === "[") this.depth++;
    else if (ch === "}" || ch === "]") {
      this.depth--;
      if (this.depth === 0) return index + 1;
    }
    return undefined;
  }

  private finishElement(chunk: string, end: number): ScannedElement {
    this.pieces.push(chunk.slice(this.pieceStart, end));
    const text = this.pieces.join("");
    this.pieces = [];
    this.state = "after-element";
    return { number: this.elementLine, text };
  }
}
