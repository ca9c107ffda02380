import { once } from "node:events";
import { createReadStream, createWriteStream } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { CliError, messageOf } from "../cli-error.ts";

/** `-` stands for stdin or stdout, as usual for command-line tools. */
export const STDIO_PATH = "-";

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
    await this.writeLine(JSON.stringify(value));
  }

  /** An encoded record, as the JSON line the encoder made (or made here from its columns). */
  async writeRow(encoded: { line?: string | undefined; row?: unknown }): Promise<void> {
    await this.writeLine(encoded.line ?? JSON.stringify(encoded.row));
  }

  /** Writes `json` (one JSON value, no newline) as a line. */
  async writeLine(json: string): Promise<void> {
    this.throwIfFailed();
    // One write per record: a line is never split across writes.
    if (!this.stream.write(`${json}\n`)) {
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
