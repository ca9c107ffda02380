import type { Readable, Writable } from "node:stream";

/** Where a command reads and writes; the process's streams in the binary, captured ones when embedded. */
export interface CliIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

/** One subcommand. Adding a command is one file exporting this, plus its entry in `commands/index.ts`. */
export interface Command {
  name: string;
  /** One line for the tool's help. */
  summary: string;
  /** The command's full `--help` text. */
  usage: string;
  /** Resolves to the exit code; throws `CliError` for failures the user should read about. */
  run(args: string[], io: CliIo): Promise<number>;
}
