import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { CliError, messageOf } from "../cli-error.ts";

/** `-` stands for stdin or stdout, as usual for command-line tools. */
export const STDIO_PATH = "-";

export interface NumberedLine {
  /** 1-based, as editors count. */
  number: number;
  text: string;
}

/** Opens a file for reading, failing with a readable message before any line is read. */
export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === STDIO_PATH) return stdin;
  const stream = createReadStream(path);
  try {
    await once(stream, "open");
  } catch (error) {
    throw new CliError("INPUT", `cannot read ${path}: ${messageOf(error)}`, { cause: error });
  }
  return stream;
}

/**
 * The lines of a text stream, numbered, without their line endings: `\n` and `\r\n` both end a line, and a last
 * line without a newline still counts. A UTF-8 byte order mark at the start is dropped.
 */
export async function* readLines(input: Readable): AsyncGenerator<NumberedLine> {
  input.setEncoding("utf8");
  const lines = createInterface({ input, crlfDelay: Infinity });
  let number = 0;
  for await (const line of lines) {
    number++;
    yield { number, text: number === 1 && line.startsWith("\uFEFF") ? line.slice(1) : line };
  }
}

/**
 * Writes one JSON value per line as records come, waiting when the stream is full, so memory stays flat and an
 * interrupted run leaves only whole lines behind.
 */
export class JsonlWriter {
  private failure: Error | undefined;

  private constructor(
    private readonly stream: Writable,
    private readonly path: string,
    private readonly ownsStream: boolean,
  ) {
    stream.on("error", (error) => (this.failure ??= error));
  }

  static async open(path: string, stdout: Writable): Promise<JsonlWriter> {
    if (path === STDIO_PATH) return new JsonlWriter(stdout, "stdout", false);
    const stream = createWriteStream(path);
    try {
      await once(stream, "open");
    } catch (error) {
      throw new CliError("OUTPUT", `cannot write ${path}: ${messageOf(error)}`, { cause: error });
    }
    return new JsonlWriter(stream, path, true);
  }

  async write(value: unknown): Promise<void> {
    this.throwIfFailed();
    // One write per record: a line is never split across writes.
    if (!this.stream.write(`${JSON.stringify(value)}\n`)) {
      await once(this.stream, "drain").catch((error: unknown) => (this.failure ??= error as Error));
      this.throwIfFailed();
    }
  }

  async close(): Promise<void> {
    this.throwIfFailed();
    if (!this.ownsStream) return;
    this.stream.end();
    await once(this.stream, "finish").catch((error: unknown) => (this.failure ??= error as Error));
    this.throwIfFailed();
  }

  private throwIfFailed(): void {
    if (this.failure) throw new CliError("OUTPUT", `cannot write ${this.path}: ${this.failure.message}`, { cause: this.failure });
  }
}
