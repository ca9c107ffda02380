/**
 * Cuts decoded text into lines as it arrives: `\n` and `\r\n` end a line, and a last line without a newline still
 * counts. A line longer than a chunk is kept as pieces until its end, so it is joined once.
 */
export class LineSplitter {
  private pieces: string[] = [];

  /** The lines that `chunk` completes. */
  *feed(chunk: string): Generator<string> {
    let start = 0;
    for (let end = chunk.indexOf("\n"); end !== -1; end = chunk.indexOf("\n", start)) {
      this.pieces.push(chunk.slice(start, end));
      const line = this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join("");
      this.pieces = [];
      yield line.endsWith("\r") ? line.slice(0, -1) : line;
      start = end + 1;
    }
    if (start < chunk.length) this.pieces.push(chunk.slice(start));
  }

  /** The last line, when the text does not end with a newline. */
  end(): string | undefined {
    if (this.pieces.length === 0) return undefined;
    const line = this.pieces.join("");
    this.pieces = [];
    return line.endsWith("\r") ? line.slice(0, -1) : line;
  }
}
